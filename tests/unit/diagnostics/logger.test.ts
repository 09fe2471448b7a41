import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, mkdir, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { createDiagnosticsLogger } from '../../../main/services/diagnostics/logger.js';

let dir: string;
const redaction = { homeDir: '/home/alice', username: 'alice', hostnames: ['alices-laptop'], env: {} };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readLines(): Promise<Record<string, unknown>[]> {
  const files = (await readdir(path.join(dir, 'logs'))).sort();
  const lines: Record<string, unknown>[] = [];
  for (const f of files) {
    const text = await readFile(path.join(dir, 'logs', f), 'utf8');
    for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  return lines;
}

describe('logger', () => {
  it('writes scoped JSON lines with levels, and nothing sensitive reaches the file', async () => {
    const log = createDiagnosticsLogger({ dataDir: dir, processName: 'main', maxBytes: 1 << 20, retentionDays: 7, redaction });
    log.scope('main').info({ path: '/home/alice/circuits/a.zkey', peer: '10.2.3.4' }, 'opened for alice@example.com');
    log.scope('prover').error({ err: new Error('EACCES /home/alice/x'), input: { a: '42' } }, 'job failed');
    log.scope('cli').debug('not written at info level');
    log.writeWorkerRecord(4242, { level: 'warn', msg: 'slow witness on alices-laptop', fields: { stage: 'witness', ms: 900, scope: 'main' } });
    log.close();

    const raw = (await readdir(path.join(dir, 'logs'))).map((f) => path.join(dir, 'logs', f));
    const text = (await Promise.all(raw.map((f) => readFile(f, 'utf8')))).join('');
    expect(text).not.toMatch(/alice|10\.2\.3\.4|"42"/);
    expect(text).not.toContain('hostname');

    const lines = await readLines();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 'info', scope: 'main', path: '[home]/circuits/a.zkey', peer: '[ipv4]', msg: 'opened for [email]' });
    expect(lines[1]).toMatchObject({ level: 'error', scope: 'prover', input: '[input]', msg: 'job failed' });
    expect((lines[1]?.err as { message: string }).message).toBe('EACCES [home]/x');
    expect(lines[2]).toMatchObject({ level: 'warn', scope: 'worker:4242', workerPid: 4242, stage: 'witness', ms: 900, msg: 'slow witness on [host]' });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('rotates by size: every file stays under the limit and no line is lost', async () => {
    const log = createDiagnosticsLogger({ dataDir: dir, processName: 'cli', maxBytes: 4096, retentionDays: 7, redaction });
    for (let i = 0; i < 200; i++) log.scope('cli').info({ i, pad: 'x'.repeat(60) }, 'line');
    log.close();
    const files = await readdir(path.join(dir, 'logs'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect((await stat(path.join(dir, 'logs', f))).size).toBeLessThanOrEqual(4096);
    const lines = await readLines();
    expect(lines.map((l) => l.i).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('deletes log files older than the retention period and keeps everything else in the folder', async () => {
    const logs = path.join(dir, 'logs');
    await mkdir(logs, { recursive: true });
    const old = path.join(logs, 'main-20200101T000000Z-1-0.jsonl');
    const recent = path.join(logs, 'main-20991231T000000Z-2-0.jsonl');
    const foreign = path.join(logs, 'notes.txt');
    for (const f of [old, recent, foreign]) await writeFile(f, '{}\n');
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    await utimes(old, tenDaysAgo, tenDaysAgo);
    await utimes(foreign, tenDaysAgo, tenDaysAgo);

    const log = createDiagnosticsLogger({ dataDir: dir, processName: 'main', maxBytes: 4096, retentionDays: 3, redaction });
    log.scope('main').info('start');
    log.close();
    const names = await readdir(logs);
    expect(names).not.toContain(path.basename(old));
    expect(names).toContain(path.basename(recent));
    expect(names).toContain('notes.txt');
  });

  it('never throws at the caller when the log folder cannot be written', async () => {
    await writeFile(path.join(dir, 'logs'), 'a file where the folder should be');
    const log = createDiagnosticsLogger({ dataDir: dir, processName: 'main', maxBytes: 4096, retentionDays: 3, redaction });
    expect(() => log.scope('main').error('still running')).not.toThrow();
    expect(log.file.droppedLines).toBe(1);
    log.close();
  });
});

describe('logger level', () => {
  it('setLevel changes what every scope writes, those made before the change too', async () => {
    const log = createDiagnosticsLogger({ dataDir: dir, processName: 'main', maxBytes: 1 << 20, retentionDays: 7, redaction, level: 'warn' });
    const early = log.scope('prover');
    early.info('not written at warn');
    log.setLevel('debug');
    early.debug('written after the change');
    log.scope('cli').debug('a new scope too');
    log.setLevel('error');
    early.warn('not written at error');
    log.close();
    expect((await readLines()).map((l) => l.msg)).toEqual(['written after the change', 'a new scope too']);
  });
});
