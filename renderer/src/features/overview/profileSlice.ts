// The machine: its profile and the advisor's verdict and warnings about it. The profile can
// arrive in parts (a section that ran past its time limit answers later, as a `profile.updated`
// event): each part is shown at once and the advice read again.
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
  /** A section that ran past its limit answered later (the `profile.updated` event): shown, and the advice read again. */
  receiveProfile(profile: SystemProfile): Promise<void>;
}

export const createProfileSlice: SliceCreator<ProfileSlice> = (set, get) => {
  // Advice requests can overlap (a load and a late section); only the latest one's answer is kept.
  let adviceRequest = 0;
  const readAdvice = async (): Promise<void> => {
    const request = ++adviceRequest;
    const machineAdvice = await zkdesk.advisor.machine();
    if (request === adviceRequest) set({ machineAdvice });
  };

  return {
    profile: null,
    machineAdvice: null,
    profileLoading: false,
    profileError: null,
    async loadProfile(fresh = false) {
      set({ profileLoading: true, profileError: null });
      try {
        const profile = fresh ? await zkdesk.profile.refresh() : await zkdesk.profile.get();
        // A part that answered while this was on its way is newer than this answer.
        if (!laterPartOf(get().profile, profile)) set({ profile });
        await readAdvice();
        set({ profileLoading: false });
      } catch (error) {
        set({ profileError: toErrorView(error), profileLoading: false });
      }
    },
    async receiveProfile(profile) {
      set({ profile });
      try {
        await readAdvice();
      } catch (error) {
        set({ profileError: toErrorView(error) });
      }
    },
  };
};

/** Whether `shown` is the same collection as `answer` with more of it filled in since. */
function laterPartOf(shown: SystemProfile | null, answer: SystemProfile): boolean {
  if (!shown || shown.collectedAt !== answer.collectedAt) return false;
  const sections = ['cpu', 'memory', 'gpu', 'os', 'system', 'power', 'load', 'disk', 'runtime'] as const;
  const known = (p: SystemProfile) => sections.filter((s) => p[s].status === 'ok').length;
  return known(shown) > known(answer);
}
