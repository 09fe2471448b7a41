// Before a proof starts: the verdict for this circuit here, its size, the estimate (time, peak
// memory, and, on request, what it rests on) and the warnings for this circuit on this machine,
// folded into one line that opens (the Overview shows the same cards in full).
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { WarningList } from '../warnings/WarningList.js';
import { SeverityBadge } from '../warnings/SeverityBadge.js';
import { formatBytes } from '../../format/formatBytes.js';
import { formatDuration } from '../../format/formatDuration.js';
import { CalibrateNowButton } from './CalibrateNowButton.js';
import { CircuitVerdict } from './CircuitVerdict.js';
import { EstimateBasis } from './EstimateBasis.js';
import type { AdvisorWarning, Severity } from '../../../../common/advisor/advisorTypes.js';

const worstFirst: Severity[] = ['blocker', 'warning', 'info'];

function WarningsLine({ warnings }: { warnings: AdvisorWarning[] }) {
  if (warnings.length === 0) return <p className="circuit-warnings-none">No warnings for this circuit on this machine.</p>;
  const worst = worstFirst.find((s) => warnings.some((w) => w.severity === s)) ?? 'info';
  return (
    <details className="circuit-warnings">
      <summary>
        <SeverityBadge severity={worst} /> {warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`} for this circuit:{' '}
        {warnings.map((w) => w.title).join(' · ')}
      </summary>
      <WarningList warnings={warnings} headingLevel={4} />
    </details>
  );
}

export function CircuitCheckPanel() {
  const check = useAppStore((s) => s.circuitCheck);
  const loading = useAppStore((s) => s.circuitCheckLoading);
  const error = useAppStore((s) => s.circuitCheckError);
  if (error) return <ErrorNotice error={error} />;
  if (loading) return <p role="status">Checking this circuit on this machine…</p>;
  if (!check) return null;
  const { circuit, estimate, advice } = check;
  return (
    <section aria-labelledby="check-title">
      <h2 id="check-title" tabIndex={-1}>
        Before you start
      </h2>
      {circuit.description && <p className="circuit-description">{circuit.description}</p>}
      <CircuitVerdict verdict={advice.verdict} />
      <WarningsLine warnings={advice.warnings} />
      <dl className="facts circuit-facts">
        <div>
          <dt>Constraints</dt>
          <dd>{circuit.constraints?.toLocaleString() ?? 'unknown'}</dd>
        </div>
        <div>
          <dt>Domain</dt>
          <dd>{circuit.domainPower === null ? 'unknown' : `2^${circuit.domainPower}`}</dd>
        </div>
        <div>
          <dt>Proving key</dt>
          <dd>{circuit.zkeyBytes === null ? 'unknown' : formatBytes(circuit.zkeyBytes)}</dd>
        </div>
        <div>
          <dt>Estimated time</dt>
          <dd>
            {estimate && estimate.totalMs > 0 ? (
              formatDuration(estimate.totalMs)
            ) : (
              <>
                Unknown until this machine is calibrated. <CalibrateNowButton circuitId={circuit.id} />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Estimated peak memory</dt>
          <dd>{estimate ? formatBytes(estimate.peakMemoryBytes) : 'No estimate yet'}</dd>
        </div>
      </dl>
      {estimate && <EstimateBasis estimate={estimate} />}
    </section>
  );
}
