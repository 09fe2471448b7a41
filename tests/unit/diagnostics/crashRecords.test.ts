import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { goneProcessRecord, isAbnormalExit, listCrashReports, writeCrashRecord } from '../../../main/services/diagnostics/crashRecords.js';
import { createRedactor } from '../../../main/services/diagnostics/redact.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crash records', () => {
  it('a worker killed by a signal or exiting non-zero is a crash; a clean or requested exit is not', () => {
    expect(isAbnormalExit(null, 'SIGKILL', false)).toBe(true);
    expect(isAbnormalExit(134, null, false)).toBe(true);
    expect(isAbnormalExit(0, null, false)).toBe(false);
    expect(isAbnormalExit(null, 'SIGTERM', true)).toBe(false);
  });

  it('writes a redacted record and lists it beside Crashpad minidumps, newest first', async () => {
    const redactor = createRedactor({ homeDir: '/home/alice' });
    const file = await writeCrashRecord(
      dir,
      { kind: 'worker-exit', at: '2099-01-02T03:04:05.000Z', pid: 321, exitCode: null, signal: 'SIGKILL', jobId: 'job-1', circuitId: 'poseidon-12', lastLogLines: ['reading /home/alice/in.json'] },
      redactor,
    );
    const record = JSON.parse(await readFile(file, 'utf8')) as { lastLogLines: string[]; signal: string };
    expect(record).toMatchObject({ signal: 'SIGKILL', lastLogLines: ['reading [home]/in.json'] });

    await mkdir(path.join(dir, 'crashes', 'completed'), { recursive: true });
    await writeFile(path.join(dir, 'crashes', 'completed', 'abc.dmp'), Buffer.alloc(64));
    await writeFile(path.join(dir, 'crashes', 'settings.dat'), 'crashpad state, not a report');
    const list = await listCrashReports(dir);
    expect(list.map((e) => [e.type, e.kind, e.file.split('-')[0]])).toEqual(
      expect.arrayContaining([
        ['record', 'worker-exit', 'worker'],
        ['minidump', 'native', 'completed/abc.dmp'],
      ]),
    );
    expect(list).toHaveLength(2);
  });
});

describe('records for Electron processes that went', () => {
  const at = new Date('2026-12-01T10:00:00.000Z');
  it('a crashed renderer or GPU process is recorded with its reason and exit code', () => {
    expect(goneProcessRecord('renderer-gone', { reason: 'crashed', exitCode: 139 }, at)).toEqual({
      kind: 'renderer-gone',
      at: at.toISOString(),
      exitCode: 139,
      message: "The window's renderer process went: crashed.",
      details: { reason: 'crashed' },
    });
    expect(goneProcessRecord('child-process-gone', { reason: 'oom', exitCode: -536870904, type: 'GPU' }, at)).toMatchObject({
      kind: 'child-process-gone',
      message: 'The GPU process went: oom.',
      details: { reason: 'oom', type: 'GPU' },
    });
  });

  it('a clean exit, and our own workers (recorded by the crash watch), leave nothing', () => {
    expect(goneProcessRecord('child-process-gone', { reason: 'clean-exit', exitCode: 0, type: 'GPU' }, at)).toBeNull();
    expect(goneProcessRecord('child-process-gone', { reason: 'killed', exitCode: 9, type: 'Utility', serviceName: 'zkdesk-prover-1' }, at)).toBeNull();
    expect(goneProcessRecord('child-process-gone', { reason: 'killed', exitCode: 9, type: 'Utility', serviceName: 'network.mojom.NetworkService' }, at)).not.toBeNull();
  });
});
