// Settings → Health reports: on or off, where they go (the user's address, else the update
// server's, else nowhere yet: they wait), the random id they carry (and a button
// for a new one), what waits in the outbox, and the next report exactly as it would be sent.
import { useEffect } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { HelpLink } from '../help/HelpLink.js';
import { AddressForm } from '../settings/AddressForm.js';
import type { HealthView } from '../../../../preload/contract.js';

/** One plain sentence: where reports go, and who chose that, or that they wait. */
function whereReportsGo(health: HealthView): string {
  if (!health.endpoint) return 'No report address: reports wait on this machine until one is set.';
  if (health.endpointSource === 'update feed') return `Reports go to ${health.endpoint}, the address that comes with your update server.`;
  return `Reports go to ${health.endpoint} (the address you set).`;
}

export function HealthReportsPanel() {
  const health = useAppStore((s) => s.health);
  const error = useAppStore((s) => s.healthError);
  const on = useAppStore((s) => s.settings?.healthReports === 'on');
  const channel = useAppStore((s) => s.settings?.updateChannel);
  const setReports = useAppStore((s) => s.setHealthReports);
  const resetId = useAppStore((s) => s.resetHealthId);
  // The user's own address (the form edits only that); the update feed's is the fallback the host reports.
  const saved = useAppStore((s) => s.settings?.healthEndpoint ?? null);
  const fromFeed = health?.endpointSource === 'update feed' ? health.endpoint : null;

  useEffect(() => {
    void useAppStore.getState().loadHealth();
  }, []);

  return (
    <section aria-labelledby="health-settings-title">
      <h2 id="health-settings-title">Health reports</h2>
      <div className="field">
        <label>
          <input type="checkbox" checked={on} onChange={(e) => void setReports(e.target.checked)} /> Send health reports
        </label>
        <p className="hint">
          Counts of proofs that worked, failed or crashed, and typical proving times, with this version and your system type: never inputs, files, names
          or addresses. {channel === 'stable' ? 'Off on the stable channel unless you turn it on.' : ''}{' '}
          <HelpLink helpId="guides/health-reports">What is sent</HelpLink>
        </p>
      </div>
      <AddressForm
        key={saved ?? ''}
        id="health-endpoint"
        setting="healthEndpoint"
        form="health"
        value={saved}
        label="Report address (http or https)"
        placeholder={fromFeed ?? 'https://health.example.com/v1/health-reports'}
        hint={
          fromFeed
            ? `Leave it empty to send to the address that comes with your update server (${fromFeed}); set one only if the release team gave you another.`
            : 'The address the release team gave you (a zkdesk release collect receiver). Empty: reports wait on this machine.'
        }
        saveLabel="Save the report address"
        onSaved={() => void useAppStore.getState().loadHealth()}
      />
      <ErrorNotice error={error} />
      {health && (
        <>
          <p>
            Report id: <code className="health-report-id">{health.reportId ?? 'none yet (made when reports are turned on)'}</code>{' '}
            {health.reportId && (
              <button type="button" onClick={() => void resetId()}>
                Reset the report id
              </button>
            )}
          </p>
          <p className="hint">A random number, not your install id: reset it and new reports cannot be linked to earlier ones.</p>
          <p role="status" className="health-destination">
            {whereReportsGo(health)} {health.queued > 0 ? `${health.queued} waiting to be sent.` : ''}
          </p>
          <details>
            <summary>The next report, exactly as it would be sent</summary>
            <pre className="health-next">{JSON.stringify(health.next, null, 2)}</pre>
          </details>
        </>
      )}
    </section>
  );
}
