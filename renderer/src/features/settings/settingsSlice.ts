// Settings: what the user chose (as saved by the host, after its schema checked it), and the
// recovery notice the host gives when the settings file had to be rebuilt.
import { zkdesk } from '../../api/zkdesk.js';
import type { ErrorPayload } from '../../../../common/errors.js';
import type { Settings, SettingsPatch } from '../../../../common/settings/settingsSchema.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';
import type { DataDirChoice } from '../../../../preload/contract.js';

export type SettingsForm = 'proving' | 'feedback' | 'health';

export interface SettingsSlice {
  settings: Settings | null;
  settingsRecovery: ErrorPayload | null;
  recoveryDismissed: boolean;
  settingsError: ErrorView | null;
  /** Set after a save succeeded, so the form can say so. */
  settingsSavedAt: number | null;
  /** Which form saved last, so its "Saved." or its refusal shows beside it and nowhere else. */
  settingsSavedBy: SettingsForm;
  loadSettings(): Promise<void>;
  /** Resolves true when the host accepted the change. */
  saveSettings(patch: SettingsPatch, form?: SettingsForm): Promise<boolean>;
  dismissRecovery(): void;
  /** The folder chosen for the next start, or why it was refused. */
  dataDirChoice: DataDirChoice | null;
  dataDirError: ErrorView | null;
  /** Without a path, main's own folder dialog opens (the app); the browser host takes a typed path. */
  chooseDataDir(path?: string): Promise<void>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settings: null,
  settingsRecovery: null,
  recoveryDismissed: false,
  settingsError: null,
  settingsSavedAt: null,
  settingsSavedBy: 'proving',
  dataDirChoice: null,
  dataDirError: null,

  async loadSettings() {
    try {
      const { settings, recovery } = await zkdesk.settings.get();
      set({ settings, settingsRecovery: recovery, settingsError: null });
    } catch (error) {
      set({ settingsError: toErrorView(error) });
    }
  },

  async saveSettings(patch, form = 'proving') {
    const before = get().settings;
    // Shown at once (a radio button must stay where it was clicked); the host's answer replaces it.
    set({ settingsError: null, settingsSavedAt: null, settingsSavedBy: form, ...(before ? { settings: { ...before, ...patch } } : {}) });
    try {
      set({ settings: await zkdesk.settings.update({ patch }), settingsSavedAt: Date.now() });
      return true;
    } catch (error) {
      set({ settingsError: toErrorView(error), settings: before });
      return false;
    }
  },

  dismissRecovery() {
    set({ recoveryDismissed: true });
  },

  async chooseDataDir(path) {
    set({ dataDirChoice: null, dataDirError: null });
    try {
      set({ dataDirChoice: await zkdesk.settings.chooseDataDir(path === undefined ? {} : { path }) });
    } catch (error) {
      set({ dataDirError: toErrorView(error) });
    }
  },
});
