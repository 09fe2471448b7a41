// Settings → Health reports: on or off, where they go, the random id they carry (and a button
// for a new one), what waits in the outbox, and the next report exactly as it would be sent.
import { useEffect } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { HelpLink } from '../help/HelpLink.js';
import { AddressForm } from '../settings/AddressForm.js';

export function HealthReportsPanel() {
  const health = useAppStore((s) => s.health);
  const error = useAppStore((s) => s.healthError);
  const on = useAppStore((s) => s.settings?.healthReports === 'on');
  const channel = useAppStore((s) => s.settings?.updateChannel);
  const setReports = useAppStore((s) => s.setHealthReports);
  const resetId = useAppStore((s) => s.resetHealthId);

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
        key={health?.endpoint ?? ''}
        id="health-endpoint"
        setting="healthEndpoint"
        form="health"
        value={health?.endpoint ?? null}
        label="Report address (http or https)"
        placeholder="https://health.example.com/v1/health-reports"
        hint="The address the release team gave you (a zkdesk release collect receiver). Empty: reports wait on this machine."
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
          <p role="status">
            {health.endpoint ? `Reports go to ${health.endpoint}.` : 'No report address is set: reports wait on this machine.'}{' '}
            {health.queued > 0 ? `${health.queued} waiting to be sent.` : ''}
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
