// `zkdesk doctor` as a support engineer runs it: real profile, real calibration worker, a real
// proof, predicted against measured, and an exit code that matches the verdict.
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrationSchema } from '../../../common/profiler/calibrationTypes.js';
import { projectRoot } from '../../../node/resourcePaths.js';

const run = promisify(execFile);
const zkdesk = path.join(projectRoot(), 'bin', 'zkdesk.js');
let dataDir: string;

interface DoctorReport {
  ok: boolean;
  verdict: { readiness: 'ready' | 'degraded' | 'not-supported'; reasons: string[] };
  exitCode: number;
  calibration: { measuredNow: boolean };
  warnings: Array<{ id: string; severity: string; helpId: string; evidence: Record<string, unknown> }>;
  estimate: { totalMs: number; peakMemoryBytes: number; correction: { source: string } | null };
  measured: { totalMs: number; peakRssBytes: number } | null;
  predictionErrorPercent: number | null;
}

async function doctor(args: string[] = []): Promise<{ code: number; report: DoctorReport }> {
  try {
    const { stdout } = await run(process.execPath, [zkdesk, '--data-dir', dataDir, '--json', 'doctor', ...args]);
    return { code: 0, report: JSON.parse(stdout) as DoctorReport };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, report: JSON.parse(e.stdout) as DoctorReport };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-doctor-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe('zkdesk doctor', () => {
  it('calibrates on first run, proves, compares prediction with measurement, and exits with its verdict', async () => {
    const { code, report } = await doctor();
    expect(report.ok).toBe(true);
    expect(report.calibration.measuredNow).toBe(true);
    expect(report.measured?.totalMs).toBeGreaterThan(0);
    expect(report.estimate.totalMs).toBeGreaterThan(0);
    expect(report.estimate.correction?.source).toBeTruthy();
    expect(typeof report.predictionErrorPercent).toBe('number');
    expect(code).toBe({ ready: 0, degraded: 1, 'not-supported': 2 }[report.verdict.readiness]);
    expect(code).toBe(report.exitCode);
    for (const w of report.warnings) expect(w.helpId).toBe(`warnings/${w.id}`);

    const stored = calibrationSchema.parse(JSON.parse(await readFile(path.join(dataDir, 'calibration.json'), 'utf8')));
    expect(stored.g1Msm.length).toBeGreaterThanOrEqual(2);
    expect(stored.reference?.circuitId).toBe('stress-12');
  });

  it('reuses the calibration on the next run, and proves the circuit asked for', async () => {
    const { report } = await doctor(['--circuit', 'poseidon-preimage']);
    expect(report.calibration.measuredNow).toBe(false);
    expect(report.measured).not.toBeNull();
  });

  it('an unknown circuit is an error with its code and exit 3, never mistaken for a verdict', async () => {
    const result = await run(process.execPath, [zkdesk, '--data-dir', dataDir, 'doctor', '--circuit', 'nope']).catch((e: { code: number; stderr: string }) => e);
    expect('code' in result && result.code).toBe(3);
    expect('stderr' in result && result.stderr).toContain('E_CIRCUIT_UNKNOWN');
  });

  it('a mistyped option exits 3 too, not 1 (which would read as degraded)', async () => {
    const result = await run(process.execPath, [zkdesk, '--data-dir', dataDir, 'doctor', '--circuits', 'stress-12']).catch((e: { code: number; stderr: string }) => e);
    expect('code' in result && result.code).toBe(3);
    expect('stderr' in result && result.stderr).toMatch(/unknown option '--circuits'/);
  });

  it('refuses an unknown circuit before spending time on a calibration', async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-doctor-fresh-'));
    try {
      const result = await run(process.execPath, [zkdesk, '--data-dir', fresh, 'doctor', '--circuit', 'nope']).catch((e: { code: number }) => e);
      expect('code' in result && result.code).toBe(3);
      await expect(access(path.join(fresh, 'calibration.json'))).rejects.toThrow();
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('measures again when the stored calibration is from another machine, and on request with calibrate --json', async () => {
    const file = path.join(dataDir, 'calibration.json');
    const mine = calibrationSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    await writeFile(file, JSON.stringify({ ...mine, fingerprint: 'f'.repeat(64) }));
    const { report } = await doctor();
    expect(report.calibration.measuredNow).toBe(true);
    const remeasured = calibrationSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(remeasured.fingerprint).toBe(mine.fingerprint);

    const { stdout } = await run(process.execPath, [zkdesk, '--data-dir', dataDir, '--json', 'calibrate']);
    const printed = calibrationSchema.parse(JSON.parse(stdout));
    expect(printed.fingerprint).toBe(mine.fingerprint);
    expect(Date.parse(printed.measuredAt)).toBeGreaterThan(Date.parse(remeasured.measuredAt));
  });

  // Last: it leaves this data directory's settings capping workers below what a proof needs.
  it('says "not supported" with exit 2 when the proof cannot fit in the memory a worker may use', async () => {
    const settingsFile = path.join(dataDir, 'settings.json');
    const settings = JSON.parse(await readFile(settingsFile, 'utf8')) as Record<string, unknown>;
    await writeFile(settingsFile, JSON.stringify({ ...settings, workerMemoryCapMb: 64 }));
    const { code, report } = await doctor();
    expect(code).toBe(2);
    expect(report.verdict.readiness).toBe('not-supported');
    expect(report.warnings.find((w) => w.id === 'memory-insufficient-for-circuit')?.severity).toBe('blocker');
  });
});
