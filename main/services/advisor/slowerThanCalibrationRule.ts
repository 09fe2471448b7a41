// This machine proves clearly slower than its calibration says it can: throttling, a power plan,
// a new background load, a busier VM host. Clearly means the bootstrap interval of the median
// slowdown over the recent proofs lies wholly above the threshold, so a few slow proofs in a
// burst of other work do not raise it, and a real, lasting change does.
import { bootstrapMedian } from '../../../common/statistics/bootstrap.js';
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

/** Twice the predicted time: beyond the model's error for any one circuit (up to about 1.5× measured here) and a change a user feels. */
export const SLOWDOWN_THRESHOLD = 2;
/** Fewer proofs than this say too little to warn about. */
export const MIN_PROOFS_FOR_PACE = 5;

export function slowerThanCalibrationRule(input: AdvisorInput): AdvisorWarning | null {
  const pace = input.proofPace;
  if (!pace || pace.slowdowns.length < MIN_PROOFS_FOR_PACE) return null;
  const ci = bootstrapMedian(pace.slowdowns);
  if (!ci || ci.low < SLOWDOWN_THRESHOLD) return null;
  const round = (x: number) => Math.round(x * 100) / 100;
  const n = pace.slowdowns.length;
  return makeWarning('proofs-slower-than-calibration', 'warning', {
    title: 'Proofs are slower than this machine was when calibrated',
    detail: `Your last ${n} proofs took ${round(ci.estimate)}× as long as the calibration of ${pace.calibratedAt.slice(0, 10)} predicts (at least ${round(ci.low)}× with 95 % confidence). Something has slowed this machine since: other work, a power-saving mode, heat.`,
    evidence: {
      proofs: n,
      medianSlowdown: round(ci.estimate),
      slowdownLow95: round(ci.low),
      slowdownHigh95: round(ci.high),
      thresholdFactor: SLOWDOWN_THRESHOLD,
      calibratedAt: pace.calibratedAt,
      backend: pace.backend,
      circuits: pace.circuits.join(', '),
    },
    fix: 'Close programs using the processor, plug in the power, let the machine cool; if it stays slow, calibrate again in Benchmarks so estimates match what it does now.',
  });
}
