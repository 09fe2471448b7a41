// A proof predicted to take longer than the user's own threshold (Settings) is flagged before
// it starts, so nobody waits minutes without having chosen to.
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

export function predictedTimeRule(input: AdvisorInput): AdvisorWarning | null {
  const { estimate, circuit, settings } = input;
  if (!estimate || !circuit) return null;
  const limitMs = settings.predictedTimeWarnSec * 1000;
  if (estimate.totalMs <= limitMs) return null;
  const seconds = Math.round(estimate.totalMs / 100) / 10;
  return makeWarning('predicted-time-long', 'warning', {
    title: 'This proof will take a while',
    detail: `The prediction for a proof of ${circuit.title} here is ${seconds} s, over the ${settings.predictedTimeWarnSec} s after which zkdesk asks before starting (Settings → Proving and logs).`,
    evidence: { circuitId: circuit.id, predictedMs: Math.round(estimate.totalMs), limitSec: settings.predictedTimeWarnSec },
    fix: 'Start it anyway if you can wait, choose a smaller circuit, or raise “Ask before proofs predicted to take longer than” in Settings.',
  });
}
