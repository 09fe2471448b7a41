// What the job history measured, per circuit: n, p50 and p95 of the user's own verified proofs'
// working time (witness + proof + verification); calibration's proofs are left out. The estimator
// predicts exactly these stages; the record's totalMs also holds the wait in the queue and a
// worker's start, which no estimate covers.
import type { JobRecord } from '../../../../common/prover/proverTypes.js';
import { userProofs } from '../../../../common/prover/userProofs.js';
import { percentile } from '../../../../common/statistics/percentiles.js';

export function stageMs(record: JobRecord): number {
  return record.timings.witnessMs + record.timings.proveMs + record.timings.verifyMs;
}

export interface MeasuredTimes {
  /** null when the circuit has no verified proof of the user's yet. */
  p50: number | null;
  p95: number | null;
  runs: number;
}

export function measuredTimes(history: JobRecord[], circuitId: string): MeasuredTimes {
  const times = userProofs(history)
    .filter((r) => r.circuitId === circuitId)
    .map(stageMs);
  return { p50: percentile(times, 50), p95: percentile(times, 95), runs: times.length };
}

/** How far the prediction was from what was measured, in percent of the measured time (negative: predicted too short). */
export function predictionErrorPercent(predictedMs: number | null, measuredMs: number | null): number | null {
  if (predictedMs === null || measuredMs === null || measuredMs <= 0) return null;
  return ((predictedMs - measuredMs) / measuredMs) * 100;
}
