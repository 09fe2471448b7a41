// Every abnormal worker exit leaves a crash record, and workers' logs reach the log files at the
// level the settings ask for. Real worker processes killed for real (kill -9): an idle warm
// prover worker, a prover worker mid-proof under a `zkdesk prove` that exits right after, and
// the calibration worker mid-calibration.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import type { CrashRecord } from '../../../main/services/diagnostics/crashRecords.js';
import { openTestServices } from '../../support/servicesHarness.js';
import { releaseCurve, sampleInput } from '../../support/proverHarness.js';

const installId = '5b0e4c1a-8f3d-4e2b-9a71-c6d5e4f3a2b1';
const cli = path.resolve('bin/zkdesk.js');

afterAll(async () => {
  await releaseCurve();
});

async function poll<T>(read: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function crashRecords(dataDir: string): Promise<CrashRecord[]> {
  const dir = path.join(dataDir, 'crashes');
  const names = await readdir(dir).catch(() => [] as string[]);
  const records: CrashRecord[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) records.push(JSON.parse(await readFile(path.join(dir, name), 'utf8')) as CrashRecord);
  return records;
}

/** Every log line written under the data directory so far. */
async function logLines(dataDir: string): Promise<Record<string, unknown>[]> {
  const dir = path.join(dataDir, 'logs');
  const lines: Record<string, unknown>[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    for (const line of (await readFile(path.join(dir, name), 'utf8')).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  return lines;
}

describe('crash records for abnormal worker exits', () => {
  it('an idle warm prover worker killed from outside leaves a record with its signal', async () => {
    const opened = await openTestServices('crash-idle');
    try {
      await opened.services.warmUp();
      const [pid] = opened.services.prover.workerPids();
      expect(pid).toBeGreaterThan(0);
      process.kill(pid as number, 'SIGKILL');
      const [record] = await poll(async () => ((await crashRecords(opened.dataDir)).length ? crashRecords(opened.dataDir) : null));
      expect(record).toMatchObject({ kind: 'worker-exit', pid, signal: 'SIGKILL', exitCode: null, appVersion: '0.1.0-test' });
      expect(record?.message).toContain('idle');
      expect(record?.jobId).toBeUndefined();
      // The services go on: the next proof gets a fresh worker.
      const circuit = await opened.services.resolveCircuit('poseidon-preimage');
      const proof = await (await opened.services.prover.submit({ circuit, input: await sampleInput('poseidon-preimage') })).result;
      expect(proof.verified).toBe(true);
      // A clean shutdown records nothing more.
      await opened.services.close();
      expect(await crashRecords(opened.dataDir)).toHaveLength(1);
    } finally {
      await opened.close();
    }
  }, 60_000);

  it('a worker killed mid-proof under `zkdesk prove` leaves its record, with the job and its last log lines, before the CLI exits', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-crash-cli-'));
    const dataDir = path.join(work, 'data');
    try {
      await mkdir(dataDir, { recursive: true });
      // debug: the worker's "job started" line says when the proof is under way.
      await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ installId, logLevel: 'debug' }));
      // snarkjs: seconds for stress-14, a wide window to kill it in (the native prover takes a fraction of one).
      const env = { ...process.env, ZKDESK_PROVER_BACKEND: 'snarkjs' };
      const child = spawn(process.execPath, [cli, '--data-dir', dataDir, 'prove', '--circuit', 'stress-14', '--sample'], { stdio: ['ignore', 'pipe', 'pipe'], env });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      const started = await poll(async () => (await logLines(dataDir)).find((l) => l.msg === 'job started' && typeof l.workerPid === 'number'));
      const workerPid = started.workerPid as number;
      const jobId = started.jobId as string;
      process.kill(workerPid, 'SIGKILL');
      expect(await exited).toBe(1);
      expect(stderr).toContain('E_WORKER_CRASHED');

      const records = await crashRecords(dataDir);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ kind: 'worker-exit', pid: workerPid, signal: 'SIGKILL', jobId });
      expect(records[0]?.message).toContain('while it ran a job');
      expect(records[0]?.details?.zkeySha256).toMatch(/^[0-9a-f]{64}$/);
      expect(records[0]?.lastLogLines?.some((l) => l.includes('job started'))).toBe(true);
      const lines = await logLines(dataDir);
      expect(lines.some((l) => l.scope === 'diagnostics' && l.msg === 'a worker exited abnormally; crash record written' && l.signal === 'SIGKILL')).toBe(true);
      expect(lines.some((l) => l.scope === 'cli' && l.msg === 'command failed' && l.code === 'E_WORKER_CRASHED')).toBe(true);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 90_000);

  it('the calibration worker logs what it does, and its death mid-calibration is recorded', async () => {
    const opened = await openTestServices('crash-calibration');
    try {
      const run = opened.services.runCalibration().then(
        () => null,
        (error: unknown) => error as { code?: string },
      );
      const started = await poll(async () => (await logLines(opened.dataDir)).find((l) => l.msg === 'calibration started'));
      expect(started.scope).toBe(`worker:${String(started.workerPid)}`);
      expect(started.threads).toBeGreaterThan(0);
      process.kill(started.workerPid as number, 'SIGKILL');
      expect((await run)?.code).toBe('E_WORKER_CRASHED');
      const [record] = await poll(async () => ((await crashRecords(opened.dataDir)).length ? crashRecords(opened.dataDir) : null));
      expect(record).toMatchObject({ kind: 'worker-exit', pid: started.workerPid, signal: 'SIGKILL' });
      expect(record?.message).toContain('calibrating');
      expect(record?.details?.worker).toBe('zkdesk-calibration');
    } finally {
      await opened.close();
    }
  }, 90_000);
});

describe('log level', () => {
  it('follows the logLevel setting, and a change applies at once', async () => {
    const opened = await openTestServices('log-level');
    const { services, dataDir } = opened;
    try {
      await services.updateSettings({ logLevel: 'warn' });
      const circuit = await services.resolveCircuit('poseidon-preimage');
      const input = await sampleInput('poseidon-preimage');
      await (await services.prover.submit({ circuit, input })).result;
      let lines = await logLines(dataDir);
      expect(lines.some((l) => l.msg === 'proof verified')).toBe(false);

      await services.updateSettings({ logLevel: 'debug' });
      await (await services.prover.submit({ circuit, input })).result;
      lines = await logLines(dataDir);
      expect(lines.some((l) => l.msg === 'proof verified' && l.scope === 'prover')).toBe(true);
      // The worker's own debug lines come through too.
      expect(lines.some((l) => l.msg === 'job started' && String(l.scope).startsWith('worker:'))).toBe(true);
      await expect(services.updateSettings({ logLevel: 'loud' })).rejects.toMatchObject({ code: 'E_SETTINGS_INVALID' });
    } finally {
      await opened.close();
    }
  }, 60_000);
});
