// What the job history measured, per circuit: the median total time of its verified proofs.
import type { JobRecord } from '../../../../main/services/prover/proverTypes.js';

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function measuredMedianMs(history: JobRecord[], circuitId: string): { ms: number | null; runs: number } {
  const times = history.filter((r) => r.circuitId === circuitId && r.outcome === 'verified').map((r) => r.timings.totalMs);
  return { ms: median(times), runs: times.length };
}
