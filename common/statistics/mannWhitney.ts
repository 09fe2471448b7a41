// The Mann–Whitney U test: do values from `x` tend to be larger than values from `y`? It looks
// only at ranks, so a few wild timings (a machine that stalled for a second) cannot decide it.
// The p-value uses the normal approximation with the tie correction and a continuity correction,
// which is close to exact from about eight values per sample, the fewest the bench collects.

export interface MannWhitneyResult {
  /** U for x: how many (x, y) pairs have x above y, ties counting a half. */
  u: number;
  /** One-sided p-value for "x tends to be larger than y". */
  pGreater: number;
  /** One-sided p-value for "x tends to be smaller than y". */
  pLess: number;
}

/** Standard normal upper tail, P(Z > z) (Abramowitz–Stegun 26.2.17, error below 1e-7). */
export function normalUpperTail(z: number): number {
  if (z < 0) return 1 - normalUpperTail(-z);
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

export function mannWhitney(x: readonly number[], y: readonly number[]): MannWhitneyResult | null {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return null;
  const pooled = [...x.map((v) => ({ v, fromX: true })), ...y.map((v) => ({ v, fromX: false }))].sort((a, b) => a.v - b.v);
  // Mid-ranks for ties, and the tie term of the variance.
  let rankSumX = 0;
  let tieTerm = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j + 1 < pooled.length && (pooled[j + 1] as { v: number }).v === (pooled[i] as { v: number }).v) j++;
    const rank = (i + j) / 2 + 1;
    const tied = j - i + 1;
    tieTerm += tied ** 3 - tied;
    for (let k = i; k <= j; k++) if ((pooled[k] as { fromX: boolean }).fromX) rankSumX += rank;
    i = j + 1;
  }
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, pGreater: 1, pLess: 1 };
  const sd = Math.sqrt(variance);
  return { u, pGreater: normalUpperTail((u - mean - 0.5) / sd), pLess: 1 - normalUpperTail((u - mean + 0.5) / sd) };
}
