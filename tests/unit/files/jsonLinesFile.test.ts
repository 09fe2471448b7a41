// The append-only JSON-lines writer: a torn tail is set aside, never appended onto; files are private.
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonLinesAppender, appendJsonLine, readJsonLines } from '../../../main/services/files/jsonLinesFile.js';
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

describe('JSON-lines files', () => {
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
