// How the user's recent proofs compare with what this machine's calibration predicts for them:
// each proof's prove stage over the calibration's prediction for its circuit. Read by the
// slower-than-calibration rule. Only proofs made after the calibration, by the same prover, of
// circuits at least as large as the calibration's reference: below it, fixed costs the model
// does not scale (starting the prover, reading the key) would read as a slowdown.
import type { Calibration } from '../../../common/profiler/calibrationTypes.js';
import type { JobRecord } from '../../../common/prover/proverTypes.js';
import { calibrationProveMs } from '../prover/estimator.js';
import { userProofs } from '../../../common/prover/userProofs.js';
import type { ProofPace } from '../../../common/advisor/advisorTypes.js';

/** The most recent proofs judged: enough for a confident median, recent enough to mean "now". */
export const PACE_WINDOW = 12;

export function proofPace(calibration: Calibration | null, history: readonly JobRecord[]): ProofPace | undefined {
  const reference = calibration?.reference;
  if (!calibration || !reference) return undefined;
  const backend = calibration.backend ?? 'snarkjs';
  const judged = userProofs(history)
    .filter((r) => (r.backend ?? 'snarkjs') === backend && r.finishedAt > calibration.measuredAt && r.timings.proveMs > 0)
    .filter((r) => r.wires && r.domainPower && r.domainPower >= reference.domainPower)
    .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt))
    .slice(-PACE_WINDOW);
  const slowdowns: number[] = [];
  const circuits = new Set<string>();
  for (const r of judged) {
    const predicted = calibrationProveMs(calibration, { wires: r.wires as number, domainPower: r.domainPower as number, publicSignals: r.publicSignals ?? 1 });
    if (!predicted) continue;
    slowdowns.push(r.timings.proveMs / predicted);
    circuits.add(r.circuitId);
  }
  return { calibratedAt: calibration.measuredAt, backend, slowdowns, circuits: [...circuits].sort() };
}
