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
    title: `${circuit.title} will take about ${seconds} s`,
    detail: `The prediction for a proof of ${circuit.title} here is ${seconds} s, over your limit of ${settings.predictedTimeWarnSec} s.`,
    evidence: { circuitId: circuit.id, predictedMs: Math.round(estimate.totalMs), limitSec: settings.predictedTimeWarnSec },
    fix: 'Start it anyway if you can wait, choose a smaller circuit, or raise the limit in Settings.',
  });
}
