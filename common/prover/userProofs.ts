// The user's own verified proofs in the job history: what their p50/p95 and the advisor's
// slowdown rule are about. Calibration's runs are kept in the history too, but they are zkdesk
// timing the machine, and counting them would let a calibration vouch for itself. No Node: the
// Benchmarks view reads the history with the same function.
import { isCalibrationRun, type JobRecord } from './proverTypes.js';

export function userProofs(history: readonly JobRecord[]): JobRecord[] {
  return history.filter((r) => r.outcome === 'verified' && !isCalibrationRun(r));
}
