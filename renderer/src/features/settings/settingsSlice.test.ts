import { describe, expect, it } from 'vitest';
import { ZkError } from '../../../../common/errors.js';
import { testHost } from '../../testing/testHost.js';
import { defaultSettings } from '../../testing/sampleSettings.js';
import { useAppStore } from '../../stores/appStore.js';

describe('settings slice', () => {
  it('shows a change at once and keeps what the host saved', async () => {
    const saved = defaultSettings({ workerCount: 3 });
    testHost.answer({ 'settings.get': () => ({ settings: defaultSettings(), recovery: null }), 'settings.update': () => saved });
    await useAppStore.getState().loadSettings();
    const saving = useAppStore.getState().saveSettings({ workerCount: 3 }, 'proving');
    expect(useAppStore.getState().settings?.workerCount).toBe(3);
    expect(await saving).toBe(true);
    expect(useAppStore.getState().settings).toEqual(saved);
    expect(useAppStore.getState().settingsSavedAt).not.toBeNull();
    expect(testHost.calls.at(-1)).toEqual({ method: 'settings.update', input: { patch: { workerCount: 3 } } });
  });

  it('puts the old value back and says why when the host refuses a change', async () => {
    testHost.answer({
      'settings.get': () => ({ settings: defaultSettings({ workerCount: 2 }), recovery: null }),
      'settings.update': () => {
        throw new ZkError('E_SETTINGS_INVALID', 'Workers must be between 1 and 64.');
      },
    });
    await useAppStore.getState().loadSettings();
    expect(await useAppStore.getState().saveSettings({ workerCount: 99 }, 'proving')).toBe(false);
    const state = useAppStore.getState();
    expect(state.settings?.workerCount).toBe(2);
    expect(state.settingsError).toMatchObject({ code: 'E_SETTINGS_INVALID', message: 'Workers must be between 1 and 64.', helpId: 'errors/E_SETTINGS_INVALID' });
    expect(state.settingsSavedAt).toBeNull();
  });

  it('keeps the recovery notice the host gives for a rebuilt settings file until it is dismissed', async () => {
    const recovery = new ZkError('E_SETTINGS_CORRUPT', 'Your settings file could not be read; defaults are in use.').toPayload();
    testHost.answer({ 'settings.get': () => ({ settings: defaultSettings(), recovery }) });
    await useAppStore.getState().loadSettings();
    expect(useAppStore.getState().settingsRecovery).toEqual(recovery);
    useAppStore.getState().dismissRecovery();
    expect(useAppStore.getState().recoveryDismissed).toBe(true);
  });

  it('says why the settings could not be read instead of showing defaults as if saved', async () => {
    testHost.answer({
      'settings.get': () => {
        throw new ZkError('E_IO', 'The settings could not be read.');
      },
    });
    await useAppStore.getState().loadSettings();
    expect(useAppStore.getState().settings).toBeNull();
    expect(useAppStore.getState().settingsError?.code).toBe('E_IO');
  });
});
