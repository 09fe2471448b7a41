// What the job history measured, per circuit: the median of its verified proofs' working time
// (witness + proof + verification). The estimator predicts exactly these stages; the record's
// totalMs also holds the wait in the queue and a worker's start, which no estimate covers.
import type { JobRecord } from '../../../../common/prover/proverTypes.js';
import { median } from '../../../../common/median.js';

export function stageMs(record: JobRecord): number {
  return record.timings.witnessMs + record.timings.proveMs + record.timings.verifyMs;
}

export function measuredMedianMs(history: JobRecord[], circuitId: string): { ms: number | null; runs: number } {
  const times = history.filter((r) => r.circuitId === circuitId && r.outcome === 'verified').map(stageMs);
  return { ms: median(times), runs: times.length };
}

/** How far the prediction was from what was measured, in percent of the measured time (negative: predicted too short). */
export function predictionErrorPercent(predictedMs: number | null, measuredMs: number | null): number | null {
  if (predictedMs === null || measuredMs === null || measuredMs <= 0) return null;
  return ((predictedMs - measuredMs) / measuredMs) * 100;
}
