// What the job history measured, per circuit: the median of its verified proofs' working time
// (witness + proof + verification). The estimator predicts exactly these stages; the record's
// totalMs also holds the wait in the queue and a worker's start, which no estimate covers.
import { isCalibrationRun, type JobRecord } from '../../../../common/prover/proverTypes.js';
import { median } from '../../../../common/median.js';

export function stageMs(record: JobRecord): number {
  return record.timings.witnessMs + record.timings.proveMs + record.timings.verifyMs;
}

/** The user's verified proofs: calibration's own runs are the app timing itself, not the user's work. */
export function userProofs(history: JobRecord[]): JobRecord[] {
  return history.filter((r) => r.outcome === 'verified' && !isCalibrationRun(r));
}

export function measuredMedianMs(history: JobRecord[], circuitId: string): { ms: number | null; runs: number } {
  const times = userProofs(history).filter((r) => r.circuitId === circuitId).map(stageMs);
  return { ms: median(times), runs: times.length };
}

/**
 * The prediction these proofs were made with (kept in each record when it was submitted), as a
 * median; null when none of them kept one (older records, an uncalibrated machine). Today's
 * estimate would drift with today's load and calibration.
 */
export function predictedAtProofMs(history: JobRecord[], circuitId: string): number | null {
  const kept = userProofs(history).flatMap((r) => (r.circuitId === circuitId && typeof r.predictedMs === 'number' ? [r.predictedMs] : []));
  return median(kept);
}

/** How far the prediction was from what was measured, in percent of the measured time (negative: predicted too short). */
export function predictionErrorPercent(predictedMs: number | null, measuredMs: number | null): number | null {
  if (predictedMs === null || measuredMs === null || measuredMs <= 0) return null;
  return ((predictedMs - measuredMs) / measuredMs) * 100;
}
