// Turns job history records into the counts a health report carries. Pure: the reporter reads
// the history and the cursor, this decides what they add up to.
import type { JobRecord } from '../../../common/prover/proverTypes.js';
import type { TimingClass } from '../../../common/health/healthReportSchema.js';

export interface HealthCounts {
  verified: { native: number; snarkjs: number };
  failed: Record<string, number>;
  workerCrashes: number;
  outOfMemory: number;
  timings: TimingClass[];
}

/** Where the last report ended: records finished after it are new. */
export interface HealthCursor {
  finishedAt: string | null;
  /** Jobs that finished exactly at `finishedAt` and were already counted. */
  jobIds: string[];
}

export const emptyCursor: HealthCursor = { finishedAt: null, jobIds: [] };

/** The records the last report did not count, oldest first. */
export function recordsAfter(records: readonly JobRecord[], cursor: HealthCursor): JobRecord[] {
  const at = cursor.finishedAt;
  if (at === null) return [...records];
  const counted = new Set(cursor.jobIds);
  return records.filter((r) => r.finishedAt > at || (r.finishedAt === at && !counted.has(r.jobId)));
}

/** The cursor after counting `records` (unchanged when there were none). */
export function advanceCursor(cursor: HealthCursor, records: readonly JobRecord[]): HealthCursor {
  let next = cursor;
  for (const r of records) {
    if (next.finishedAt === null || r.finishedAt > next.finishedAt) next = { finishedAt: r.finishedAt, jobIds: [r.jobId] };
    else if (r.finishedAt === next.finishedAt && !next.jobIds.includes(r.jobId)) next = { ...next, jobIds: [...next.jobIds, r.jobId] };
  }
  return next;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? 0;
}

export function countRecords(records: readonly JobRecord[]): HealthCounts {
  const counts: HealthCounts = { verified: { native: 0, snarkjs: 0 }, failed: {}, workerCrashes: 0, outOfMemory: 0, timings: [] };
  const times = new Map<number, number[]>();
  for (const r of records) {
    if (r.outcome === 'cancelled') continue;
    if (r.outcome === 'failed') {
      const code = r.errorCode ?? 'E_INTERNAL';
      counts.failed[code] = (counts.failed[code] ?? 0) + 1;
      if (code === 'E_WORKER_CRASHED') counts.workerCrashes++;
      if (code === 'E_OUT_OF_MEMORY') counts.outOfMemory++;
      continue;
    }
    // Records written before there were two provers carry no backend: they were snarkjs's.
    counts.verified[r.backend ?? 'snarkjs']++;
    if (r.domainPower !== null && r.domainPower >= 1 && r.domainPower <= 32) {
      const list = times.get(r.domainPower) ?? [];
      list.push(Math.round(r.timings.proveMs));
      times.set(r.domainPower, list);
    }
  }
  counts.timings = [...times.entries()]
    .sort(([a], [b]) => a - b)
    .map(([domainPower, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return { domainPower, proofs: sorted.length, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
    });
  return counts;
}
