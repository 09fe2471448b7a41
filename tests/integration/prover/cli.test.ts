// `zkdesk` as a user runs it: real processes, real files, checked by the snarkjs CLI.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';
import { registry } from '../../support/proverHarness.js';
import { mountSmallDisk } from '../../support/smallDisk.js';

const run = promisify(execFile);
const root = projectRoot();
const zkdesk = path.join(root, 'bin', 'zkdesk.js');
const snarkjs = path.join(root, 'node_modules', 'snarkjs', 'build', 'cli.cjs');
let tmp: string;

async function cli(args: string[], dataDir = path.join(tmp, 'data')): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [zkdesk, '--data-dir', dataDir, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-cli-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('zkdesk CLI', () => {
  it('prints its version, the one in package.json', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('lists the bundled circuits with their sizes', async () => {
    const { code, stdout } = await cli(['circuits', '--json']);
    expect(code).toBe(0);
    const circuits = JSON.parse(stdout) as Array<{ id: string; constraints: number | null; built: boolean }>;
    expect(circuits.find((c) => c.id === 'merkle-membership')?.constraints).toBe(5073);
    expect(circuits.find((c) => c.id === 'stress-12')?.built).toBe(true);
  });

  it('prove --circuit writes proof.json and public.json that `snarkjs groth16 verify` accepts', async () => {
    const circuit = await registry.resolve('merkle-membership');
    const inputFile = path.join(tmp, 'input.json');
    await writeFile(inputFile, JSON.stringify(await registry.sampleInput('merkle-membership')));
    const out = path.join(tmp, 'out');
    const { code, stdout } = await cli(['--json', 'prove', '--circuit', 'merkle-membership', '--input', inputFile, '--out', out]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { verified: boolean; timings: { witnessMs: number; proveMs: number; verifyMs: number }; peakRssBytes: number };
    expect(report.verified).toBe(true);
    expect(report.timings.proveMs).toBeGreaterThan(0);
    expect(report.peakRssBytes).toBeGreaterThan(0);
    const verified = await run(process.execPath, [snarkjs, 'groth16', 'verify', circuit.files.vkeyPath, path.join(out, 'public.json'), path.join(out, 'proof.json')]);
    expect(verified.stdout).toContain('OK');

    const ours = await cli(['verify', '--vkey', circuit.files.vkeyPath, '--proof', path.join(out, 'proof.json'), '--public', path.join(out, 'public.json')]);
    expect(ours.code).toBe(0);
    const publicSignals = JSON.parse(await readFile(path.join(out, 'public.json'), 'utf8')) as string[];
    await writeFile(path.join(tmp, 'forged.json'), JSON.stringify(['1', ...publicSignals.slice(1)]));
    const forged = await cli(['verify', '--vkey', circuit.files.vkeyPath, '--proof', path.join(out, 'proof.json'), '--public', path.join(tmp, 'forged.json')]);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('E_PROOF_INVALID');
  });

  it('prove with bare --wasm and --zkey exports the verification key itself', async () => {
    const circuit = await registry.resolve('stress-12');
    const inputFile = path.join(tmp, 'stress.json');
    await writeFile(inputFile, JSON.stringify(await registry.sampleInput('stress-12')));
    const { code, stdout } = await cli(['prove', '--wasm', circuit.files.wasmPath, '--zkey', circuit.files.zkeyPath, '--input', inputFile]);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ verified proof');
  });

  it('errors print the code and one plain sentence, no stack trace, and exit non-zero', async () => {
    const bad = path.join(tmp, 'bad.json');
    await writeFile(bad, '{"preimage": ["1", "oops"], "hash": "2"}');
    const { code, stderr } = await cli(['prove', '--circuit', 'poseidon-preimage', '--input', bad]);
    expect(code).toBe(1);
    expect(stderr).toContain('error E_INPUT_INVALID: Input signal "preimage[1]" is a string of 4 characters, not a number.');
    expect(stderr).not.toContain('oops');
    expect(stderr).toContain('help: zkdesk help errors/E_INPUT_INVALID');
    expect(stderr).not.toMatch(/\n\s+at /);

    const unknown = await cli(['prove', '--circuit', 'no-such-circuit', '--sample']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('E_CIRCUIT_UNKNOWN');

    const verbose = await cli(['--verbose', 'prove', '--circuit', 'poseidon-preimage', '--input', path.join(tmp, 'missing.json')]);
    expect(verbose.stderr).toContain('E_IO');
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });
  it('a data directory on a full disk: the proof is still made, written and verified, and the missing history record is reported', async (ctx) => {
    const disk = await mountSmallDisk('256k');
    if (!disk) return ctx.skip();
    try {
      const dataDir = path.join(disk.dir, 'data');
      expect((await cli(['circuits'], dataDir)).code).toBe(0); // settings.json, logs/ and jobs/ exist first
      await disk.fill();
      const out = path.join(tmp, 'full-disk-proof');
      const { code, stdout, stderr } = await cli(['--json', 'prove', '--circuit', 'stress-12', '--sample', '--out', out], dataDir);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as { verified: boolean; historyError: { code: string } | null };
      expect(report.verified).toBe(true);
      expect(report.historyError?.code).toBe('E_DISK_FULL');
      expect(stderr).toContain('warning E_DISK_FULL: the proof is fine, but it could not be added to the job history.');
      const vkey = (await registry.resolve('stress-12')).files.vkeyPath;
      expect((await run(process.execPath, [snarkjs, 'groth16', 'verify', vkey, path.join(out, 'public.json'), path.join(out, 'proof.json')])).stdout).toContain('OK');
    } finally {
      await disk.release();
    }
  });
});
