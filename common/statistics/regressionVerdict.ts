// Whether a measurement got worse than its baseline beyond noise. Both samples are ratios of
// zkdesk's time to a peer's measured in the same round (so a busier machine moves both), where
// larger is worse. A regression needs two things at once: the Mann–Whitney test says the current
// ratios are larger (p below alpha), and the bootstrap interval of the shift — median(current) /
// median(baseline) — lies wholly above 1 + tolerance, so a tiny but "significant" drift on a
// thousand samples, or a large but uncertain one on a noisy day, does not fail a release.
import { bootstrapMedianRatio, type ConfidenceInterval } from './bootstrap.js';
import { mannWhitney } from './mannWhitney.js';

export type VerdictKind = 'regression' | 'improvement' | 'unchanged' | 'too-few-samples';

export interface RegressionVerdict {
  kind: VerdictKind;
  /** median(current) / median(baseline), with its interval; null with too few samples. */
  shift: ConfidenceInterval | null;
  pWorse: number | null;
  pBetter: number | null;
  nCurrent: number;
  nBaseline: number;
}

export interface VerdictOptions {
  /** The shift that counts: 0.10 means at least 10 % worse (or better) with confidence. */
  tolerance?: number;
  alpha?: number;
  /** The fewest values per sample for a verdict. */
  minSamples?: number;
}

export const DEFAULT_VERDICT_OPTIONS: Required<VerdictOptions> = { tolerance: 0.1, alpha: 0.01, minSamples: 6 };

export function regressionVerdict(current: readonly number[], baseline: readonly number[], options: VerdictOptions = {}): RegressionVerdict {
  const { tolerance, alpha, minSamples } = { ...DEFAULT_VERDICT_OPTIONS, ...options };
  const counts = { nCurrent: current.length, nBaseline: baseline.length };
  if (current.length < minSamples || baseline.length < minSamples) return { kind: 'too-few-samples', shift: null, pWorse: null, pBetter: null, ...counts };
  const test = mannWhitney(current, baseline);
  const shift = bootstrapMedianRatio(current, baseline);
  if (!test || !shift) return { kind: 'too-few-samples', shift: null, pWorse: null, pBetter: null, ...counts };
  let kind: VerdictKind = 'unchanged';
  if (test.pGreater < alpha && shift.low > 1 + tolerance) kind = 'regression';
  else if (test.pLess < alpha && shift.high < 1 / (1 + tolerance)) kind = 'improvement';
  return { kind, shift, pWorse: test.pGreater, pBetter: test.pLess, ...counts };
}
