// The job history file: tolerant to damage, and bounded.
import { appendFile, chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobHistory, type JobRecord } from '../../../main/services/prover/jobHistory.js';
import { readJsonLines } from '../../../main/services/files/jsonLinesFile.js';

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
  it('keeps the next job when the history ends in a line cut off mid-write (issue 15, item 1)', async () => {
    const history = new JobHistory((dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-history-'))));
    await history.append(record(1));
    await appendFile(history.file, '{"jobId":"torn","circ');
    await history.append(record(2));
    expect((await history.read()).map((r) => r.jobId)).toEqual(['job-1', 'job-2']);
    const content = await readJsonLines(history.file, (v): v is object => typeof v === 'object');
    expect(content).toMatchObject({ skipped: 0, tornTail: false });
    expect(await readFile(`${history.file}.torn`, 'utf8')).toBe('{"jobId":"torn","circ\n');
  });

  it('creates the job history 0600 in a 0700 folder (issue 15, item 3), and tightens a file an older version left 0644', async () => {
    const history = new JobHistory((dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-history-'))));
    await history.append(record(1));
    expect((await stat(history.file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(history.file))).mode & 0o777).toBe(0o700);
    await chmod(history.file, 0o644);
    await history.append(record(2));
    expect((await stat(history.file)).mode & 0o777).toBe(0o600);
  });

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

  it('redacts a failed job\'s error message before it is kept, and keeps its ids and hashes', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-history-'));
    const history = new JobHistory(dir);
    const failed: JobRecord = {
      ...record(3),
      jobId: '0b6f1f6e-2f4c-4d2a-9a57-1a2b3c4d5e6f',
      outcome: 'failed',
      errorCode: 'E_WORKER_CRASHED',
      errorMessage: 'worker died reading /home/eve/secret.json for eve@example.com with token=hunter2hunter2',
    };
    await history.append(failed);
    const text = await readFile(history.file, 'utf8');
    for (const leaked of ['/home/eve', 'eve@example.com', 'hunter2']) expect(text).not.toContain(leaked);
    expect(text).toContain('[home]');
    const [kept] = await history.read();
    expect(kept?.jobId).toBe(failed.jobId);
    expect(kept?.circuitSha256).toBe('a'.repeat(64));
    expect(kept?.errorMessage).toContain('worker died reading');
  });

  it('keeps the newest records within its bound, in two files, and stays readable', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-history-'));
    const lineBytes = JSON.stringify(record(0)).length + 1;
    const history = new JobHistory(dir, lineBytes * 10);
    for (let n = 1; n <= 21; n++) await history.append(record(n));
    const kept = (await history.read()).map((r) => r.jobId);
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(kept.at(-1)).toBe('job-21');
    expect(kept).not.toContain('job-1');
    // Oldest to newest with no gap: only the oldest were dropped.
    const first = Number(kept[0]?.slice(4));
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => `job-${first + i}`));
    const onDisk = (await sizeOf(history.file)) + (await sizeOf(history.previousFile));
    expect(onDisk).toBeLessThanOrEqual(lineBytes * 11);
    expect((await readFile(history.previousFile, 'utf8')).endsWith('\n')).toBe(true);
  });

  it('two processes appending to one data directory past the bound lose none of the newest records', async () => {
    // The app and a CLI run share a data directory: each has its own JobHistory on the same files.
    dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-history-'));
    const lineBytes = JSON.stringify(record(0)).length + 1;
    const app = new JobHistory(dir, lineBytes * 40);
    const cli = new JobHistory(dir, lineBytes * 40);
    const done: string[] = [];
    const missing: string[] = [];
    const other = (h: JobHistory) => (h === app ? cli : app);
    const write = async (history: JobHistory, from: number) => {
      for (let n = from; n < from + 200; n++) {
        await history.append(record(n));
        done.push(`job-${n}`);
        // Readable at once, from the other side too: the app reloads its table on this moment.
        if (!(await other(history).read()).some((r) => r.jobId === `job-${n}`)) missing.push(`job-${n}`);
      }
    };
    await Promise.all([write(app, 1000), write(cli, 2000)]);
    const kept = (await history(dir)).map((r) => r.jobId);
    // Only the oldest go: from the oldest record kept on, every later one is there (give or
    // take the two appends in flight at once, whose finishing order may differ from the file's).
    const oldestKept = Math.min(...kept.map((id) => done.indexOf(id)));
    expect(done.slice(oldestKept + 2).filter((id) => !kept.includes(id))).toEqual([]);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(missing).toEqual([]);
    expect(new Set(kept).size).toBe(kept.length);
  });
});

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => ({ size: 0 }))).size;
}

function history(dataDir: string): Promise<JobRecord[]> {
  return new JobHistory(dataDir).read();
}
