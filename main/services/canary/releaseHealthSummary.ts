// What the dashboard and `/v1/summary` show: per channel and version, the installs reporting,
// proofs, failure and crash rates with their intervals, p95 times by size class, the commonest
// failure codes, and the halts the release log records (by hand or by the watcher) with why.
import { readReleaseLog } from '../updates/release/releaseLog.js';
import { wilsonInterval, type RateInterval } from './rateInterval.js';
import type { ReportStore, VersionTiming } from './reportStore.js';

export interface ReleaseHealthRow {
  channel: string;
  version: string;
  installs: number;
  reports: number;
  proofs: number;
  failures: RateInterval;
  crashes: RateInterval;
  timings: Array<Pick<VersionTiming, 'domainPower' | 'proofs' | 'p50Ms' | 'p95Ms'>>;
  topFailureCodes: Array<{ code: string; count: number }>;
  lastReportAt: string;
}

export interface HaltRecord {
  at: string;
  channel: string;
  version: string;
  /** `release halt` covers a halt by hand and the halt a rollback makes. */
  by: 'release halt' | 'release watch';
  why: string | null;
}

export interface ReleaseHealthSummary {
  generatedAt: string;
  releases: ReleaseHealthRow[];
  halts: HaltRecord[];
}

export async function summarizeReleaseHealth(store: ReportStore, feedDir: string | null, now: Date = new Date()): Promise<ReleaseHealthSummary> {
  const timings = store.timings();
  const codes = store.failureCodes();
  const releases = store.versions().map((v): ReleaseHealthRow => {
    const mine = (r: { channel: string; version: string }) => r.channel === v.channel && r.version === v.version;
    return {
      channel: v.channel,
      version: v.version,
      installs: v.installs,
      reports: v.reports,
      proofs: v.proofs,
      failures: wilsonInterval(v.failures, v.proofs),
      crashes: wilsonInterval(v.workerCrashes + v.outOfMemory, v.proofs),
      timings: timings.filter(mine).map(({ domainPower, proofs, p50Ms, p95Ms }) => ({ domainPower, proofs, p50Ms: Math.round(p50Ms), p95Ms: Math.round(p95Ms) })),
      topFailureCodes: codes.filter(mine).slice(0, 5).map(({ code, count }) => ({ code, count })),
      lastReportAt: v.lastReportAt,
    };
  });
  return { generatedAt: now.toISOString(), releases, halts: feedDir ? await haltsIn(feedDir) : [] };
}

/** Halts from the release log, newest first; a watcher's halt carries its reasons. */
async function haltsIn(feedDir: string): Promise<HaltRecord[]> {
  const log = await readReleaseLog(feedDir);
  const halts: HaltRecord[] = [];
  for (const entry of log) {
    if (entry.action === 'watch') {
      // The watcher's own entry follows the halt it made: it replaces it with the reasons.
      const last = halts[halts.length - 1];
      if (last && last.by === 'release halt' && last.version === entry.version && last.channel === entry.channel) halts.pop();
      halts.push({ at: entry.at, channel: entry.channel, version: entry.version, by: 'release watch', why: entry.detail ?? null });
    } else if (entry.action === 'halt') {
      halts.push({ at: entry.at, channel: entry.channel, version: entry.version, by: 'release halt', why: entry.detail ?? null });
    }
  }
  return halts.reverse();
}
