// The one-word answer a user (and `zkdesk doctor`'s exit code) needs: can this machine prove,
// well or poorly, or not at all? It follows from the warnings alone, so it never disagrees with them.
import type { AdvisorWarning } from './advisorTypes.js';

export type Readiness = 'ready' | 'degraded' | 'not-supported';

export interface Verdict {
  readiness: Readiness;
  /** The titles of the blockers and warnings that decided it, worst first; empty when ready. */
  reasons: string[];
}

/** The warnings about a machine (or a machine and a circuit) and the verdict they imply. */
export interface Advice {
  warnings: AdvisorWarning[];
  verdict: Verdict;
}

export interface CircuitAdvice extends Advice {
  circuitId: string;
}

export function verdictFrom(warnings: readonly AdvisorWarning[]): Verdict {
  const blockers = warnings.filter((w) => w.severity === 'blocker');
  const degrading = warnings.filter((w) => w.severity === 'warning');
  const readiness: Readiness = blockers.length > 0 ? 'not-supported' : degrading.length > 0 ? 'degraded' : 'ready';
  return { readiness, reasons: [...blockers, ...degrading].map((w) => w.title) };
}

/** doctor's documented exit codes: 0 ready, 1 degraded, 2 not supported. */
export function exitCodeFor(readiness: Readiness): 0 | 1 | 2 {
  return readiness === 'ready' ? 0 : readiness === 'degraded' ? 1 : 2;
}
