// Settings: what the user chose (as saved by the host, after its schema checked it), and the
// recovery notice the host gives when the settings file had to be rebuilt.
import { zkdesk } from '../../api/zkdesk.js';
import type { ErrorPayload } from '../../../../common/errors.js';
import type { Settings, SettingsPatch } from '../../../../main/services/settings/settingsSchema.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface SettingsSlice {
  settings: Settings | null;
  settingsRecovery: ErrorPayload | null;
  recoveryDismissed: boolean;
  settingsError: ErrorView | null;
  /** Set after a save succeeded, so the form can say so. */
  settingsSavedAt: number | null;
  loadSettings(): Promise<void>;
  saveSettings(patch: SettingsPatch): Promise<void>;
  dismissRecovery(): void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settings: null,
  settingsRecovery: null,
  recoveryDismissed: false,
  settingsError: null,
  settingsSavedAt: null,

  async loadSettings() {
    try {
      const { settings, recovery } = await zkdesk.settings.get();
      set({ settings, settingsRecovery: recovery, settingsError: null });
    } catch (error) {
      set({ settingsError: toErrorView(error) });
    }
  },

  async saveSettings(patch) {
    const before = get().settings;
    // Shown at once (a radio button must stay where it was clicked); the host's answer replaces it.
    set({ settingsError: null, settingsSavedAt: null, ...(before ? { settings: { ...before, ...patch } } : {}) });
    try {
      set({ settings: await zkdesk.settings.update({ patch }), settingsSavedAt: Date.now() });
    } catch (error) {
      set({ settingsError: toErrorView(error), settings: before });
    }
  },

  dismissRecovery() {
    set({ recoveryDismissed: true });
  },
});
