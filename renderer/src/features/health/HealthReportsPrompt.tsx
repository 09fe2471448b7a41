// The one question a beta tester is asked about health reports, once, in plain words: shown
// while the channel is beta and the answer is still `ask`. Either button saves the answer, so
// it is not asked again; Settings → Health reports changes it later. Stable installs are never
// asked (they stay off unless turned on in Settings).
import { useEffect } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { HelpLink } from '../help/HelpLink.js';

export function HealthReportsPrompt() {
  const asking = useAppStore((s) => s.settings?.updateChannel === 'beta' && s.settings.healthReports === 'ask');
  const answer = useAppStore((s) => s.setHealthReports);
  const health = useAppStore((s) => s.health);
  useEffect(() => {
    if (asking) void useAppStore.getState().loadHealth();
  }, [asking]);
  if (!asking) return null;
  const destination = !health
    ? null
    : !health.endpoint
      ? 'No report address is set yet: reports would wait on this computer until one is.'
      : health.endpointSource === 'update feed'
        ? `Reports go to the server your updates come from (${health.endpoint}).`
        : `Reports go to ${health.endpoint}.`;
  return (
    <section className="notice health-prompt" aria-labelledby="health-prompt-title">
      <h2 id="health-prompt-title">Help us stop a bad beta early?</h2>
      <p>
        zkdesk can send a small report when it starts and after proofs: this version, your channel, your system and processor type, and how many proofs
        worked, failed (by error code) or crashed, with typical proving times. Never your inputs, files, folder names, computer name or anything else
        about you. The release team uses it to halt an update that makes things worse.
      </p>
      {destination && <p className="health-prompt-destination">{destination}</p>}
      <p>
        <HelpLink helpId="guides/health-reports">Exactly what is sent, with a sample</HelpLink>. You can change your mind in Settings at any time.
      </p>
      <p className="actions">
        <button type="button" onClick={() => void answer(true)}>
          Send health reports
        </button>{' '}
        <button type="button" onClick={() => void answer(false)}>
          No, thanks
        </button>
      </p>
    </section>
  );
}
