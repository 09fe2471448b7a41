// The user's own verified proofs in the job history: what their p50/p95 and the advisor's
// slowdown rule are about. Calibration's proofs are kept in the history too, but they were made
// by zkdesk to measure the machine, and counting them would let a calibration vouch for itself.
// No Node: the Benchmarks view reads the history with the same function.
import type { JobRecord } from './proverTypes.js';

export function verifiedUserProofs(history: readonly JobRecord[]): JobRecord[] {
  return history.filter((r) => r.outcome === 'verified' && r.purpose !== 'calibration');
}
