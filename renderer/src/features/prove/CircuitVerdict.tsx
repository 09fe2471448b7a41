// The readiness verdict for this one circuit on this machine (the Overview's is for the machine
// alone): ready, ready with limits, or not supported, and the warnings that decided it.
import type { Verdict } from '../../../../common/advisor/readiness.js';
import '../overview/overview.css';

const wording: Record<Verdict['readiness'], { label: string; sentence: string }> = {
  ready: { label: 'Ready', sentence: 'Nothing here should slow this proof down.' },
  degraded: { label: 'Ready, with limits', sentence: 'This proof will work, but it may be slower or riskier than usual, because of:' },
  'not-supported': { label: 'Not supported', sentence: 'This proof cannot work on this machine as it is now, because of:' },
};

export function CircuitVerdict({ verdict }: { verdict: Verdict }) {
  const { label, sentence } = wording[verdict.readiness];
  return (
    <div className={`verdict verdict-${verdict.readiness} circuit-verdict`}>
      <h3 id="circuit-verdict-title">
        Readiness for this circuit: <span className="verdict-label">{label}</span>
      </h3>
      <p>{sentence}</p>
      {verdict.reasons.length > 0 && (
        <ul aria-labelledby="circuit-verdict-title">
          {verdict.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
