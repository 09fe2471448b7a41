// A rate per 100 proofs with its confidence interval. Wilson's score interval for a binomial
// proportion: unlike the textbook p ± z·√(p(1-p)/n) it stays inside 0..100 and does not shrink
// to nothing at zero events, so "0 failures in 40 proofs" is read as "up to ~9 per 100".
export interface RateInterval {
  events: number;
  trials: number;
  /** Per 100 trials; 0 when there were none. */
  per100: number;
  low: number;
  high: number;
}

/** z for a two-sided interval at this confidence (0.95 → 1.96), by the inverse normal CDF. */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence ${confidence} is not between 0 and 1`);
  return inverseNormal(1 - (1 - confidence) / 2);
}

export function wilsonInterval(events: number, trials: number, confidence = 0.95): RateInterval {
  if (trials <= 0) return { events, trials: 0, per100: 0, low: 0, high: 100 };
  const z = zFor(confidence);
  const p = Math.min(1, events / trials);
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { events, trials, per100: 100 * p, low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const poly = (k: number[], x: number) => k.reduce((acc, coef) => acc * x + coef, 0);
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
