// Past proofs on this machine, newest first, filtered by circuit and outcome. Failures link to
// the article for their error code.
import { useEffect, useState } from 'react';
import type { JobOutcome } from '../../../../common/prover/proverTypes.js';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { HelpLink } from '../help/HelpLink.js';
import { formatBytes } from '../../format/formatBytes.js';
import { formatDate } from '../../format/formatDate.js';
import { formatDuration } from '../../format/formatDuration.js';

const outcomes: JobOutcome[] = ['verified', 'failed', 'cancelled'];

export function JobHistory() {
  const history = useAppStore((s) => s.history);
  const error = useAppStore((s) => s.historyError);
  const loadHistory = useAppStore((s) => s.loadHistory);
  const circuits = useAppStore((s) => s.circuits);
  // Titles as the circuit picker shows them; a circuit no longer listed (a package from an earlier session) keeps its id.
  const titleOf = (id: string) => circuits.find((c) => c.id === id)?.title ?? id;
  const [circuit, setCircuit] = useState('');
  const [outcome, setOutcome] = useState('');

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const circuitIds = [...new Set(history.map((r) => r.circuitId))].sort((a, b) => titleOf(a).localeCompare(titleOf(b)));
  const shown = history
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
      </div>
      {shown.length === 0 ? (
        <p>No proofs {history.length === 0 ? 'yet' : 'match these filters'}.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Proof history table">
          <table className="history">
            <caption>
              {shown.length} of {history.length} proofs
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
                  <td>{formatDate(r.finishedAt)}</td>
                  <td>{titleOf(r.circuitId)}</td>
                  <td>
                    {r.outcome === 'verified' ? 'verified ✓' : r.outcome}
                    {r.errorCode && (
                      <>
                        {' '}
                        <HelpLink helpId={`errors/${r.errorCode}`}>{r.errorCode}</HelpLink>
                      </>
                    )}
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
