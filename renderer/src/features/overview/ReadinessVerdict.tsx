// The one-word answer: can this machine prove, and if only poorly, why.
import type { Verdict } from '../../../../common/advisor/readiness.js';

const wording: Record<Verdict['readiness'], { label: string; sentence: string }> = {
  ready: { label: 'Ready', sentence: 'This machine can prove the bundled circuits without trouble.' },
  degraded: { label: 'Ready, with limits', sentence: 'Proofs will work, but something here makes them slower or riskier.' },
  'not-supported': { label: 'Not supported', sentence: 'Something here stops proofs from working at all.' },
};

export function ReadinessVerdict({ verdict }: { verdict: Verdict }) {
  const { label, sentence } = wording[verdict.readiness];
  return (
    <section className={`verdict verdict-${verdict.readiness}`} aria-labelledby="verdict-title">
      <h2 id="verdict-title">
        Readiness: <span className="verdict-label">{label}</span>
      </h2>
      <p>{sentence}</p>
      {verdict.reasons.length > 0 && (
        <ul>
          {verdict.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
