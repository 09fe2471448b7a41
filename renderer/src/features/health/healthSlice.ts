// Health reports in the UI: what the host says about them (on or off, the report id, what waits,
// the next report exactly), the one-time question to beta testers, and resetting the id.
// Turning them on or off is a settings change (healthReports), saved like any other.
import { zkdesk } from '../../api/zkdesk.js';
import type { HealthView } from '../../../../preload/contract.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface HealthSlice {
  health: HealthView | null;
  healthError: ErrorView | null;
  loadHealth(): Promise<void>;
  /** The answer to the question, or the Settings switch: saved, then the view is read again. */
  setHealthReports(on: boolean): Promise<void>;
  resetHealthId(): Promise<void>;
}

export const createHealthSlice: SliceCreator<HealthSlice> = (set, get) => ({
  health: null,
  healthError: null,

  async loadHealth() {
    try {
      set({ health: await zkdesk.health.status(), healthError: null });
    } catch (error) {
      set({ healthError: toErrorView(error) });
    }
  },

  async setHealthReports(on) {
    if (await get().saveSettings({ healthReports: on ? 'on' : 'off' }, 'health')) await get().loadHealth();
  },

  async resetHealthId() {
    try {
      set({ health: await zkdesk.health.resetId(), healthError: null });
    } catch (error) {
      set({ healthError: toErrorView(error) });
    }
  },
});
