// Is the new release clearly worse than the one before it? Pure: two releases' counts and the
// thresholds in, a verdict and the sentences that explain it out. Two rates are compared, each
// per 100 proofs with a Wilson interval: failed proofs, and worker crashes (out-of-memory stops
// counted with them: both take a proof down with its process). "Clearly worse" needs all three:
// enough installs and proofs reporting, the new interval wholly above the old one, and a
// difference of at least minIncreasePer100. Without an earlier release to compare with, the
// absolute ceilings in the config stand in for it.
import type { CanaryConfig } from './canaryConfig.js';
import { wilsonInterval, type RateInterval } from './rateInterval.js';

export interface ReleaseCounts {
  version: string;
  installs: number;
  proofs: number;
  failures: number;
  workerCrashes: number;
  outOfMemory: number;
}

export interface RateComparison {
  metric: 'failures' | 'crashes';
  current: RateInterval;
  previous: RateInterval | null;
  /** The previous release's upper bound, or the ceiling when there is none. */
  limit: number;
  worse: boolean;
}

export type CanaryDecision = 'healthy' | 'worse' | 'undecided';

export interface CanaryVerdict {
  decision: CanaryDecision;
  current: ReleaseCounts;
  previous: ReleaseCounts | null;
  comparisons: RateComparison[];
  /** Sentences for the log and the terminal. */
  reasons: string[];
}

const round = (n: number) => Math.round(n * 100) / 100;

function describe(r: RateInterval): string {
  return `${round(r.per100)} per 100 proofs (${round(r.low)}–${round(r.high)})`;
}

function compare(metric: RateComparison['metric'], events: (c: ReleaseCounts) => number, current: ReleaseCounts, previous: ReleaseCounts | null, config: CanaryConfig): RateComparison {
  const now = wilsonInterval(events(current), current.proofs, config.confidence);
  if (previous === null || previous.proofs === 0) {
    const ceiling = metric === 'failures' ? config.maxFailuresPer100 : config.maxCrashesPer100;
    return { metric, current: now, previous: null, limit: ceiling, worse: now.low > ceiling };
  }
  const before = wilsonInterval(events(previous), previous.proofs, config.confidence);
  const worse = now.low > before.high && now.per100 - before.per100 >= config.minIncreasePer100;
  return { metric, current: now, previous: before, limit: before.high, worse };
}

export function judgeRelease(current: ReleaseCounts, previous: ReleaseCounts | null, config: CanaryConfig): CanaryVerdict {
  const comparisons = [
    compare('failures', (c) => c.failures, current, previous, config),
    compare('crashes', (c) => c.workerCrashes + c.outOfMemory, current, previous, config),
  ];
  const reasons: string[] = [];
  if (current.installs < config.minInstalls || current.proofs < config.minProofs) {
    reasons.push(
      `${current.version}: ${current.installs} install(s) and ${current.proofs} proof(s) reported; ` +
        `the watcher decides from ${config.minInstalls} installs and ${config.minProofs} proofs.`,
    );
    return { decision: 'undecided', current, previous, comparisons, reasons };
  }
  for (const c of comparisons) {
    const against = c.previous
      ? `${previous?.version}: ${describe(c.previous)}`
      : `the ceiling of ${c.limit} per 100 (no earlier release reported)`;
    const name = c.metric === 'failures' ? 'failed proofs' : 'worker crashes and out-of-memory stops';
    reasons.push(`${c.worse ? 'WORSE' : 'ok'} ${name}: ${current.version} ${describe(c.current)} against ${against}.`);
  }
  return { decision: comparisons.some((c) => c.worse) ? 'worse' : 'healthy', current, previous, comparisons, reasons };
}
