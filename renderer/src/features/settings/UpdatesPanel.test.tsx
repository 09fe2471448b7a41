import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { UpdateState } from '../../../../common/updates/updateState.js';
import { testHost } from '../../testing/testHost.js';
import { defaultSettings } from '../../testing/sampleSettings.js';
import { useAppStore } from '../../stores/appStore.js';
import { UpdatesPanel } from './UpdatesPanel.js';

const idle: UpdateState = { kind: 'idle' } as UpdateState;

describe('Settings → Updates channel', () => {
  it('keeps the channel radios disabled until the saved channel is known, so a click is never lost', async () => {
    render(<UpdatesPanel />);
    expect(screen.getByRole('radio', { name: /^Stable/ })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /^Beta/ })).toBeDisabled();
    testHost.answer({ 'settings.get': () => ({ settings: defaultSettings({ updateChannel: 'stable' }), recovery: null }) });
    await useAppStore.getState().loadSettings();
    expect(await screen.findByRole('radio', { name: /^Stable/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^Beta/ })).toBeEnabled();
  });

  it('switches to beta through the update service and shows the saved choice', async () => {
    let saved = defaultSettings({ updateChannel: 'stable' });
    testHost.answer({
      'settings.get': () => ({ settings: saved, recovery: null }),
      'updates.switchChannel': ({ channel }) => {
        saved = { ...saved, updateChannel: channel };
        return idle;
      },
      'updates.state': () => idle,
    });
    await useAppStore.getState().loadSettings();
    render(<UpdatesPanel />);
    await userEvent.click(screen.getByRole('radio', { name: /^Beta/ }));
    expect(screen.getByRole('radio', { name: /^Beta/ })).toBeChecked();
    expect(testHost.calls.find((c) => c.method === 'updates.switchChannel')).toEqual({ method: 'updates.switchChannel', input: { channel: 'beta' } });
    await expect.poll(() => testHost.calls.filter((c) => c.method === 'settings.get').length).toBe(2);
    expect(useAppStore.getState().settings?.updateChannel).toBe('beta');
  });
});
