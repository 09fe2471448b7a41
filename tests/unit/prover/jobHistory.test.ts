// The job history file: tolerant to damage, and bounded.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobHistory, type JobRecord } from '../../../main/services/prover/jobHistory.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function record(n: number): JobRecord {
  return {
    jobId: `job-${n}`,
    circuitId: 'stress-12',
    circuitSha256: 'a'.repeat(64),
    constraints: 4032,
    domainPower: 12,
    outcome: 'verified',
    timings: { queuedMs: 0, witnessMs: 3, proveMs: 650, verifyMs: 20, totalMs: 673 },
    peakRssBytes: 180e6,
    memoryCapBytes: null,
    workerPid: 100,
    submittedAt: '2026-11-22T06:00:00.000Z',
    startedAt: '2026-11-22T06:00:00.000Z',
    finishedAt: '2026-11-22T06:00:01.000Z',
  };
}

describe('JobHistory', () => {
  it('skips a damaged line and reads the rest, newest last', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-history-'));
    const history = new JobHistory(dir);
    await history.append(record(1));
    await appendFile(history.file, '{"jobId": "half-writ');
    await appendFile(history.file, '\n');
    await history.append(record(2));
    expect((await history.read()).map((r) => r.jobId)).toEqual(['job-1', 'job-2']);
    expect((await history.read({ limit: 1 })).map((r) => r.jobId)).toEqual(['job-2']);
  });

  it('keeps the newest half once the file passes its bound, and stays readable', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-history-'));
    const lineBytes = JSON.stringify(record(0)).length + 1;
    const history = new JobHistory(dir, lineBytes * 10);
    for (let n = 1; n <= 11; n++) await history.append(record(n));
    const kept = (await history.read()).map((r) => r.jobId);
    expect(kept.length).toBeLessThanOrEqual(6);
    expect(kept.at(-1)).toBe('job-11');
    expect(kept).not.toContain('job-1');
    expect((await readFile(history.file, 'utf8')).endsWith('\n')).toBe(true);
  });
});
