// Past proofs on this machine, newest first, filtered by circuit and outcome. Failures say what
// went wrong in words and link to the article for their error code. Calibration's own proofs are
// kept apart: left out unless asked for, and labelled when shown.
import { useEffect, useState } from 'react';
import { isCalibrationRun, type JobOutcome, type JobRecord } from '../../../../common/prover/proverTypes.js';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { HelpLink } from '../help/HelpLink.js';
import { formatBytes } from '../../format/formatBytes.js';
import { formatDate } from '../../format/formatDate.js';
import { formatDuration } from '../../format/formatDuration.js';

const outcomes: JobOutcome[] = ['verified', 'failed', 'cancelled'];

function OutcomeCell({ record }: { record: JobRecord }) {
  if (record.outcome === 'verified') return <>verified ✓</>;
  // Cancelled is what the user did: no error code for it.
  if (record.outcome === 'cancelled' || !record.errorCode) return <>{record.outcome}</>;
  return (
    <>
      failed: {record.errorMessage ?? record.errorCode}{' '}
      <HelpLink helpId={`errors/${record.errorCode}`}>
        What this means <span className="visually-hidden">({record.errorCode})</span>
      </HelpLink>
    </>
  );
}

export function JobHistory() {
  const history = useAppStore((s) => s.history);
  const error = useAppStore((s) => s.historyError);
  const loadHistory = useAppStore((s) => s.loadHistory);
  const circuits = useAppStore((s) => s.circuits);
  // Titles as the circuit picker shows them; a circuit no longer listed (a package from an earlier session) keeps its id.
  const titleOf = (id: string) => circuits.find((c) => c.id === id)?.title ?? id;
  const [circuit, setCircuit] = useState('');
  const [outcome, setOutcome] = useState('');
  const [withCalibration, setWithCalibration] = useState(false);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const calibrationRuns = history.filter(isCalibrationRun).length;
  const listed = withCalibration ? history : history.filter((r) => !isCalibrationRun(r));
  const circuitIds = [...new Set(listed.map((r) => r.circuitId))].sort((a, b) => titleOf(a).localeCompare(titleOf(b)));
  const shown = listed
    .filter((r) => (circuit === '' || r.circuitId === circuit) && (outcome === '' || r.outcome === outcome))
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ErrorNotice error={error} />
      <div className="filters">
        <div className="field">
          <label htmlFor="history-circuit">Show circuit</label>
          <select id="history-circuit" value={circuit} onChange={(e) => setCircuit(e.target.value)}>
            <option value="">All circuits</option>
            {circuitIds.map((id) => (
              <option key={id} value={id}>
                {titleOf(id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-outcome">Show outcome</label>
          <select id="history-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">All outcomes</option>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        {calibrationRuns > 0 && (
          <div className="field checkbox-field">
            <input id="history-calibration" type="checkbox" checked={withCalibration} onChange={(e) => setWithCalibration(e.target.checked)} />
            <label htmlFor="history-calibration">Include calibration runs ({calibrationRuns})</label>
          </div>
        )}
      </div>
      {shown.length === 0 ? (
        <p>No proofs {listed.length === 0 ? 'yet' : 'match these filters'}.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Proof history table">
          <table className="history">
            <caption>
              {shown.length} of {listed.length} proofs
            </caption>
            <thead>
              <tr>
                <th scope="col">Finished</th>
                <th scope="col">Circuit</th>
                <th scope="col">Outcome</th>
                <th scope="col">Total time</th>
                <th scope="col">Peak memory</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.jobId}>
                  <td className="date">{formatDate(r.finishedAt)}</td>
                  <td>
                    {titleOf(r.circuitId)}
                    {isCalibrationRun(r) && <span className="badge badge-info calibration-label">Calibration run</span>}
                  </td>
                  <td>
                    <OutcomeCell record={r} />
                  </td>
                  <td>{formatDuration(r.timings.totalMs)}</td>
                  <td>{r.peakRssBytes === null ? '—' : formatBytes(r.peakRssBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
