// The update channel (saved at once, through the update service so it re-checks the right feed)
// and the update state.
import type { UpdateChannel } from '../../../../common/updates/updateChannel.js';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { UpdateStateView } from './UpdateStateView.js';

const channels: Array<{ channel: UpdateChannel; label: string; hint: string }> = [
  { channel: 'stable', label: 'Stable', hint: 'tested releases, a few times a year' },
  { channel: 'beta', label: 'Beta', hint: 'new features first, for testers' },
];

export function UpdatesPanel() {
  const current = useAppStore((s) => s.settings?.updateChannel ?? null);
  const switchChannel = useAppStore((s) => s.switchChannel);
  const error = useAppStore((s) => s.updateError);
  return (
    <section aria-labelledby="updates-title">
      <h2 id="updates-title">Updates</h2>
      <fieldset>
        <legend>Update channel</legend>
        {channels.map(({ channel, label, hint }) => (
          <div className="radio" key={channel}>
            {/* Until the saved channel is read a click could not show its choice: the radio would
                spring back. Disabled until then, so the choice is never silently lost. */}
            <input id={`channel-${channel}`} type="radio" name="update-channel" value={channel} checked={current === channel} disabled={current === null} onChange={() => void switchChannel(channel)} />
            <label htmlFor={`channel-${channel}`}>
              {label} <span className="hint">({hint})</span>
            </label>
          </div>
        ))}
      </fieldset>
      <ErrorNotice error={error} />
      <UpdateStateView />
    </section>
  );
}
