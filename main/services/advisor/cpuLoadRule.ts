// Another program keeping the CPU busy takes cores the prover's worker threads were counting on.
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

/**
 * Above this, less than a third of the CPU is left: snarkjs starts one thread per core, so on
 * a loaded machine the threads queue and a proof takes roughly proportionally longer.
 */
export const HIGH_CPU_LOAD_PERCENT = 70;

export function highCpuLoadRule(input: AdvisorInput): AdvisorWarning | null {
  const load = input.profile.load;
  // Measured while one of our own proofs ran, the load is mostly ours: it says nothing of other work.
  if (input.ownProofsDuringProfile) return null;
  if (load.status !== 'ok' || load.currentLoadPct <= HIGH_CPU_LOAD_PERCENT) return null;
  return makeWarning('high-cpu-load', 'warning', {
    title: 'The CPU is busy',
    detail: `Other work is using ${Math.round(load.currentLoadPct)}% of the CPU. Proofs will take longer until it finishes.`,
    evidence: {
      currentLoadPct: Math.round(load.currentLoadPct * 10) / 10,
      loadAverage1m: load.loadAverage1m,
      thresholdPct: HIGH_CPU_LOAD_PERCENT,
    },
    fix: 'Wait for the other work to finish, or close programs using the CPU, then check again.',
  });
}
