// The machine: its profile and the advisor's verdict and warnings about it.
import { zkdesk } from '../../api/zkdesk.js';
import type { SystemProfile } from '../../../../common/profiler/systemProfile.js';
import type { Advice } from '../../../../common/advisor/readiness.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface ProfileSlice {
  profile: SystemProfile | null;
  machineAdvice: Advice | null;
  profileLoading: boolean;
  profileError: ErrorView | null;
  /** Reads the profile and the advice; `fresh` measures the machine again. */
  loadProfile(fresh?: boolean): Promise<void>;
}

export const createProfileSlice: SliceCreator<ProfileSlice> = (set) => ({
  profile: null,
  machineAdvice: null,
  profileLoading: false,
  profileError: null,
  async loadProfile(fresh = false) {
    set({ profileLoading: true, profileError: null });
    try {
      const profile = fresh ? await zkdesk.profile.refresh() : await zkdesk.profile.get();
      const machineAdvice = await zkdesk.advisor.machine();
      set({ profile, machineAdvice, profileLoading: false });
    } catch (error) {
      set({ profileError: toErrorView(error), profileLoading: false });
    }
  },
});
