// The append-only JSON-lines writer: a torn tail is set aside, never appended onto; files are private.
import { appendFile, chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonLinesAppender, appendJsonLine, readJsonLines } from '../../../main/services/files/jsonLinesFile.js';
import { JobHistory, type JobRecord } from '../../../main/services/prover/jobHistory.js';
import { appendReleaseLog, readReleaseLog, releaseLogFileName } from '../../../main/services/updates/release/releaseLog.js';
import { RotatingLogFile } from '../../../main/services/diagnostics/rotatingLogFile.js';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-jsonl-'));
  return dir;
}

const anyRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function job(jobId: string): JobRecord {
  return {
    jobId,
    circuitId: 'poseidon-preimage',
    circuitSha256: 'b'.repeat(64),
    constraints: 240,
    domainPower: 8,
    outcome: 'verified',
    timings: { queuedMs: 0, witnessMs: 1, proveMs: 100, verifyMs: 20, totalMs: 121 },
    peakRssBytes: 1e8,
    memoryCapBytes: null,
    workerPid: 1,
    submittedAt: '2026-12-04T10:00:00.000Z',
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:00:01.000Z',
  };
}

describe('JSON-lines files', () => {
  it('keeps the next job when the history ends in a line cut off mid-write (issue 15, item 1)', async () => {
    const history = new JobHistory(await tempDir());
    await history.append(job('before'));
    await appendFile(history.file, '{"jobId":"torn","circ');
    await history.append(job('after'));
    expect((await history.read()).map((r) => r.jobId)).toEqual(['before', 'after']);
    const content = await readJsonLines(history.file, anyRecord);
    expect(content).toMatchObject({ skipped: 0, tornTail: false });
    expect(await readFile(`${history.file}.torn`, 'utf8')).toBe('{"jobId":"torn","circ\n');
  });

  it('creates the job history 0600 in a 0700 folder (issue 15, item 3), and tightens a file an older version left 0644', async () => {
    const history = new JobHistory(await tempDir());
    await history.append(job('one'));
    expect((await stat(history.file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(history.file))).mode & 0o777).toBe(0o700);
    await chmod(history.file, 0o644);
    await history.append(job('two'));
    expect((await stat(history.file)).mode & 0o777).toBe(0o600);
  });

  it('sets aside a file that is one torn line with no newline at all', async () => {
    const file = path.join(await tempDir(), 'a.jsonl');
    await writeFile(file, '{"half":');
    appendJsonLine(file, { whole: true });
    expect(await readFile(file, 'utf8')).toBe('{"whole":true}\n');
    expect(await readFile(`${file}.torn`, 'utf8')).toBe('{"half":\n');
  });

  it('refuses a line with a newline in it, which would split one record into two', async () => {
    const appender = new JsonLinesAppender(path.join(await tempDir(), 'a.jsonl'));
    expect(() => appender.appendLine('{"a":1}\n{"b":2}')).toThrow(/newline/);
    appender.close();
  });

  it('the release log and the logs use the same writer: a torn tail never swallows the next entry', async () => {
    const feed = await tempDir();
    await appendReleaseLog(feed, { at: '2026-12-04T10:00:00.000Z', action: 'build', channel: 'beta', version: '1.0.0' });
    await appendFile(path.join(feed, releaseLogFileName), '{"at":"2026-12-04T10:01');
    await appendReleaseLog(feed, { at: '2026-12-04T10:02:00.000Z', action: 'stage', channel: 'beta', version: '1.0.0' });
    expect((await readReleaseLog(feed)).map((e) => e.action)).toEqual(['build', 'stage']);

    const log = new RotatingLogFile({ dir: path.join(feed, 'logs'), prefix: 'main', maxBytes: 1e6, retentionDays: 1 });
    log.write('{"msg":"one"}\n');
    const file = log.path as string;
    await appendFile(file, '{"msg":"to');
    log.close();
    // A process that reopens the same file (the logger's is named for its pid) sets the tail aside too.
    const again = new JsonLinesAppender(file);
    again.appendLine('{"msg":"two"}');
    again.close();
    expect((await readJsonLines(file, anyRecord)).records).toEqual([{ msg: 'one' }, { msg: 'two' }]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
