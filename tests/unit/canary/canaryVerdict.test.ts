// The watcher's arithmetic: Wilson intervals, when a release counts as clearly worse, and how
// job records become a health report's counts.
import { describe, it, expect } from 'vitest';
import { wilsonInterval, zFor } from '../../../main/services/canary/rateInterval.js';
import { judgeRelease, type ReleaseCounts } from '../../../main/services/canary/canaryVerdict.js';
import { canaryConfigSchema, defaultCanaryConfig } from '../../../main/services/canary/canaryConfig.js';
import { advanceCursor, countRecords, emptyCursor, recordsAfter } from '../../../main/services/health/healthReportBuilder.js';
import { healthReportSchema } from '../../../common/health/healthReportSchema.js';
import type { JobRecord } from '../../../common/prover/proverTypes.js';

const config = { ...defaultCanaryConfig, minInstalls: 5, minProofs: 100 };
const release = (version: string, proofs: number, failures: number, crashes = 0, installs = 10): ReleaseCounts => ({
  version,
  installs,
  proofs,
  failures,
  workerCrashes: crashes,
  outOfMemory: 0,
});

describe('Wilson interval', () => {
  it('matches published values and never leaves 0–100', () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
    const tenInHundred = wilsonInterval(10, 100);
    expect(tenInHundred.per100).toBe(10);
    expect(tenInHundred.low).toBeCloseTo(5.52, 2);
    expect(tenInHundred.high).toBeCloseTo(17.44, 2);
    // Zero events still leave an upper bound: 0 in 45 is "up to about 7.9 per 100".
    const none = wilsonInterval(0, 45);
    expect([none.low, none.high.toFixed(2)]).toEqual([0, '7.87']);
    const all = wilsonInterval(20, 20);
    expect(all.high).toBe(100);
    expect(all.low).toBeGreaterThan(80);
  });
});

describe('judgeRelease', () => {
  it('waits for enough installs and proofs before deciding', () => {
    expect(judgeRelease(release('1.2.0', 500, 200, 0, 4), release('1.1.0', 500, 5), config).decision).toBe('undecided');
    expect(judgeRelease(release('1.2.0', 99, 60), release('1.1.0', 500, 5), config).decision).toBe('undecided');
  });

  it('halts on failures or crashes clearly above the previous release, not on noise', () => {
    const previous = release('1.1.0', 1000, 10, 2);
    expect(judgeRelease(release('1.2.0', 1000, 14, 3), previous, config).decision).toBe('healthy');
    const failing = judgeRelease(release('1.2.0', 1000, 60, 2), previous, config);
    expect(failing.decision).toBe('worse');
    expect(failing.comparisons.map((c) => [c.metric, c.worse])).toEqual([
      ['failures', true],
      ['crashes', false],
    ]);
    expect(failing.reasons[0]).toMatch(/^WORSE failed proofs: 1\.2\.0 6 per 100 proofs \(.*\) against 1\.1\.0: 1 per 100 proofs/);
    const crashing = judgeRelease(release('1.2.0', 1000, 30, 30), previous, config);
    expect(crashing.comparisons.find((c) => c.metric === 'crashes')?.worse).toBe(true);
  });

  it('does not halt for a difference smaller than minIncreasePer100, however certain', () => {
    const previous = release('1.1.0', 1_000_000, 1000);
    const slightly = release('1.2.0', 1_000_000, 3000);
    expect(judgeRelease(slightly, previous, config).decision).toBe('healthy');
    expect(judgeRelease(slightly, previous, { ...config, minIncreasePer100: 0.1 }).decision).toBe('worse');
  });

  it('uses the ceilings when there is no earlier release', () => {
    expect(judgeRelease(release('1.0.0', 400, 8), null, config).decision).toBe('healthy');
    const bad = judgeRelease(release('1.0.0', 400, 80), null, config);
    expect(bad.decision).toBe('worse');
    expect(bad.reasons[0]).toContain('the ceiling of 10 per 100');
  });

  it('refuses a config with a misspelt threshold', () => {
    expect(canaryConfigSchema.safeParse({ minInstals: 3 }).success).toBe(false);
    expect(canaryConfigSchema.parse({ minInstalls: 3 })).toEqual({ ...defaultCanaryConfig, minInstalls: 3 });
  });
});

function job(overrides: Partial<JobRecord>): JobRecord {
  return {
    jobId: overrides.jobId ?? Math.random().toString(36).slice(2),
    circuitId: 'merkle',
    circuitSha256: 'b'.repeat(64),
    constraints: 5073,
    domainPower: 13,
    outcome: 'verified',
    timings: { queuedMs: 0, witnessMs: 10, proveMs: 300, verifyMs: 30, totalMs: 340 },
    peakRssBytes: 1,
    memoryCapBytes: null,
    workerPid: 1,
    backend: 'native',
    submittedAt: '2026-12-04T10:00:00.000Z',
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:00:01.000Z',
    ...overrides,
  };
}

describe('health report counts', () => {
  it('counts outcomes by prover and error code, with p50/p95 per size class, and skips cancellations', () => {
    const records = [
      ...Array.from({ length: 19 }, (_, i) => job({ timings: { queuedMs: 0, witnessMs: 0, proveMs: 100 + i * 10, verifyMs: 0, totalMs: 0 } })),
      job({ timings: { queuedMs: 0, witnessMs: 0, proveMs: 5000, verifyMs: 0, totalMs: 0 }, backend: 'snarkjs' }),
      job({ outcome: 'failed', errorCode: 'E_WORKER_CRASHED', backend: undefined }),
      job({ outcome: 'failed', errorCode: 'E_OUT_OF_MEMORY', backend: undefined }),
      job({ outcome: 'failed', errorCode: 'E_OUT_OF_MEMORY', backend: undefined }),
      job({ outcome: 'cancelled', errorCode: 'E_CANCELLED', backend: undefined }),
      job({ domainPower: 16, timings: { queuedMs: 0, witnessMs: 0, proveMs: 3500, verifyMs: 0, totalMs: 0 } }),
    ];
    const counts = countRecords(records);
    expect(counts.verified).toEqual({ native: 20, snarkjs: 1 });
    expect(counts.failed).toEqual({ E_WORKER_CRASHED: 1, E_OUT_OF_MEMORY: 2 });
    expect([counts.workerCrashes, counts.outOfMemory]).toEqual([1, 2]);
    expect(counts.timings).toEqual([
      { domainPower: 13, proofs: 20, p50Ms: 190, p95Ms: 280 },
      { domainPower: 16, proofs: 1, p50Ms: 3500, p95Ms: 3500 },
    ]);
  });

  it('counts each job once across reports, including jobs that finished in the same millisecond', () => {
    const a = job({ jobId: 'a', finishedAt: '2026-12-04T10:00:01.000Z' });
    const b = job({ jobId: 'b', finishedAt: '2026-12-04T10:00:02.000Z' });
    const cursor = advanceCursor(emptyCursor, recordsAfter([a, b], emptyCursor));
    const c = job({ jobId: 'c', finishedAt: '2026-12-04T10:00:02.000Z' });
    expect(recordsAfter([a, b, c], cursor).map((r) => r.jobId)).toEqual(['c']);
  });

  it('refuses a report with any field the schema does not name', () => {
    const report = {
      schema: 'zkdesk-health/1',
      id: '6f1c1b0e-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
      reportId: '0b6f1c9e-6a51-4d7e-9a1f-3c2b1a0f9e8d',
      createdAt: '2026-12-04T10:00:00.000Z',
      reason: 'start',
      appVersion: '1.4.0-beta.3',
      channel: 'beta',
      platform: 'linux',
      arch: 'x64',
      verified: { native: 0, snarkjs: 0 },
      failed: {},
      workerCrashes: 0,
      outOfMemory: 0,
      timings: [],
    };
    expect(healthReportSchema.safeParse(report).success).toBe(true);
    expect(healthReportSchema.safeParse({ ...report, installId: report.reportId }).success).toBe(false);
    expect(healthReportSchema.safeParse({ ...report, verified: { native: 0, snarkjs: 0, gpu: 1 } }).success).toBe(false);
    expect(healthReportSchema.safeParse({ ...report, arch: 'x64 (alice-pc)' }).success).toBe(false);
  });
});

describe('the help article', () => {
  it('shows a sample that is exactly a valid report, and lists every field the schema has', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../../resources/help/guides/health-reports.md', import.meta.url), 'utf8');
    const sample = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(text)?.[1] ?? 'null') as unknown;
    expect(healthReportSchema.safeParse(sample).success).toBe(true);
    for (const field of Object.keys(healthReportSchema.shape)) expect(text).toContain(`\`${field}\``);
  });
});
