// Order statistics of a sample: the median, any percentile, and the n/p50/p95/max summary that
// the bench, the Benchmarks view and the advisor all report. Percentiles interpolate between the
// two nearest ranks (the "type 7" definition of R and NumPy), so p95 of a small sample is not
// just its maximum.

/** The median of a list, or null for an empty one: one slow run should not move the answer. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** The p-th percentile (0–100) of a list, or null for an empty one. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const low = sorted[lo] as number;
  return low + ((sorted[hi] as number) - low) * (rank - lo);
}

export interface SampleSummary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** n, p50, p95 and max of a sample, or null when it is empty. */
export function summarize(values: readonly number[]): SampleSummary | null {
  if (values.length === 0) return null;
  return { n: values.length, p50: percentile(values, 50) as number, p95: percentile(values, 95) as number, max: Math.max(...values) };
}
