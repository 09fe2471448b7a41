// snarkjs spreads the MSMs and FFTs over one worker thread per core: fewer cores, slower proofs.
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

/** With one core nothing runs in parallel, and the UI competes with the prover for it. */
export const SINGLE_CORE = 1;
/**
 * Below this, the larger bundled circuits take tens of seconds (2^16 ≈ 10 s on 2 cores,
 * measured); a typical 8-core laptop is about three times faster.
 */
export const FEW_CORES = 4;

export function fewCoresRule(input: AdvisorInput): AdvisorWarning | null {
  const { runtime, cpu } = input.profile;
  const cores = runtime.status === 'ok' ? runtime.availableParallelism : cpu.status === 'ok' ? cpu.logicalCores : null;
  if (cores === null || cores >= FEW_CORES) return null;
  const single = cores <= SINGLE_CORE;
  return makeWarning('few-cores', single ? 'warning' : 'info', {
    title: single ? 'Only one CPU core available' : `Only ${cores} CPU cores available`,
    detail: single
      ? 'zkdesk can use a single core here: proofs run without parallelism and the window may stutter while proving.'
      : `zkdesk can use ${cores} cores here. Proofs work but larger circuits take several times longer than on a typical 8-core machine.`,
    evidence: {
      availableParallelism: runtime.status === 'ok' ? runtime.availableParallelism : null,
      logicalCores: cpu.status === 'ok' ? cpu.logicalCores : null,
      fewCores: FEW_CORES,
    },
    fix: 'Use a machine (or VM size) with more cores for large circuits.',
  });
}
