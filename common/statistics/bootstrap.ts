// Percentile-bootstrap confidence intervals for medians and for the ratio of two medians. Timing
// samples are skewed (a long right tail from whatever else the machine did), so an interval that
// assumes a normal distribution would be wrong where it matters; resampling assumes nothing.
import { median, percentile } from './percentiles.js';
import { seededRandom } from './seededRandom.js';

export interface ConfidenceInterval {
  estimate: number;
  low: number;
  high: number;
  /** e.g. 0.95 */
  confidence: number;
}

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: number;
}

function resample(values: readonly number[], random: () => number): number[] {
  return values.map(() => values[Math.floor(random() * values.length)] as number);
}

function interval(estimate: number, replicates: number[], confidence: number): ConfidenceInterval {
  const tail = ((1 - confidence) / 2) * 100;
  return { estimate, low: percentile(replicates, tail) as number, high: percentile(replicates, 100 - tail) as number, confidence };
}

/** The median of one sample with its confidence interval; null for an empty sample. */
export function bootstrapMedian(values: readonly number[], options: BootstrapOptions = {}): ConfidenceInterval | null {
  if (values.length === 0) return null;
  const random = seededRandom(options.seed ?? 1);
  const replicates = Array.from({ length: options.resamples ?? 2000 }, () => median(resample(values, random)) as number);
  return interval(median(values) as number, replicates, options.confidence ?? 0.95);
}

/**
 * median(current) / median(reference) with its confidence interval, each sample resampled on its
 * own: how many times larger `current` is, and how sure. Null when a sample is empty or a median is 0.
 */
export function bootstrapMedianRatio(current: readonly number[], reference: readonly number[], options: BootstrapOptions = {}): ConfidenceInterval | null {
  const top = median(current);
  const bottom = median(reference);
  if (top === null || bottom === null || bottom === 0) return null;
  const random = seededRandom(options.seed ?? 1);
  const replicates: number[] = [];
  for (let i = 0; i < (options.resamples ?? 2000); i++) {
    const denominator = median(resample(reference, random)) as number;
    if (denominator !== 0) replicates.push((median(resample(current, random)) as number) / denominator);
  }
  return interval(top / bottom, replicates, options.confidence ?? 0.95);
}
