// The native prover (dist/native/<os>-<arch>/) in real workers: its proofs verify with plain
// snarkjs, it is what the pool uses where it is built (and the worker says which build and why),
// snarkjs takes over when it crashes or lies, and it dies with its worker. Where none was built
// the suite says so in one line; CI sets ZKDESK_REQUIRE_NATIVE=1 so it can never skip there.
import { chmod, mkdtemp, readFile, rm, truncate, copyFile, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NativeGroth16, selectNativeProver } from '../../../native-workers/nativeGroth16.js';
import { chooseBinary, cpuFlags, nativeTarget, type NativeManifest } from '../../../native-workers/nativeManifest.js';
import { projectRoot } from '../../../node/resourcePaths.js';
import { isAlive, makeHarness, registry, releaseCurve, sampleInput, verifiesWithSnarkjs, waitFor, type Harness } from '../../support/proverHarness.js';

const selection = selectNativeProver({});
const binary = selection.binary;
if (!binary) {
  if (process.env.ZKDESK_REQUIRE_NATIVE === '1') throw new Error(`ZKDESK_REQUIRE_NATIVE=1 but the worker would prove with snarkjs: ${selection.report.reason}`);
  console.log(`Native prover tests skipped: ${selection.report.reason}.`);
}

let h: Harness | undefined;
let tmp: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-native-'));
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  process.env = { ...savedEnv };
});
afterAll(async () => {
  await releaseCurve();
  await rm(tmp, { recursive: true, force: true });
});

/** A stand-in prover binary for the worker to find through ZKDESK_NATIVE_PROVER. */
async function fakeProver(name: string, script: string): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);
  return file;
}

describe.skipIf(!binary)('native prover', () => {
  it('proves every bundled circuit in a worker, and plain snarkjs accepts each proof', async () => {
    h = await makeHarness();
    for (const id of ['poseidon-preimage', 'merkle-membership', 'stress-12', 'stress-14']) {
      const circuit = await registry.resolve(id);
      const result = await (await h.prover.submit({ circuit, input: await sampleInput(id) })).result;
      expect(result.backend, id).toBe('native');
      expect(await verifiesWithSnarkjs(circuit, result), id).toBe(true);
    }
    const records = await h.history.read();
    expect(records.every((r) => r.backend === 'native')).toBe(true);
    // The worker said so itself, in its ready message, and main took its word.
    expect(h.prover.backend.reported).toEqual(selection.report);
  });

  it('gives two proofs of one witness different blinding (fresh r and s each time)', async () => {
    h = await makeHarness();
    const circuit = await registry.resolve('stress-12');
    const input = await sampleInput('stress-12');
    const first = await (await h.prover.submit({ circuit, input })).result;
    const second = await (await h.prover.submit({ circuit, input })).result;
    expect(first.publicSignals).toEqual(second.publicSignals);
    expect(first.proof.pi_a).not.toEqual(second.proof.pi_a);
  });

  it('proves with snarkjs when asked to (ZKDESK_PROVER_BACKEND=snarkjs)', async () => {
    process.env.ZKDESK_PROVER_BACKEND = 'snarkjs';
    h = await makeHarness();
    const circuit = await registry.resolve('stress-12');
    const result = await (await h.prover.submit({ circuit, input: await sampleInput('stress-12') })).result;
    expect(result.backend).toBe('snarkjs');
  });

  it('a native prover that crashes costs the user nothing: snarkjs proves the job', async () => {
    process.env.ZKDESK_NATIVE_PROVER = await fakeProver('crashes', 'kill -SEGV $$');
    h = await makeHarness();
    const circuit = await registry.resolve('stress-12');
    const result = await (await h.prover.submit({ circuit, input: await sampleInput('stress-12') })).result;
    expect(result.backend).toBe('snarkjs');
    expect(await verifiesWithSnarkjs(circuit, result)).toBe(true);
  });

  it('a native proof that does not verify is never returned: snarkjs proves the job again', async () => {
    // Replays a real proof of another statement: well-formed, but not a proof of this witness.
    const circuit = await registry.resolve('stress-12');
    h = await makeHarness();
    const other = await (await h.prover.submit({ circuit: await registry.resolve('poseidon-preimage'), input: await sampleInput('poseidon-preimage') })).result;
    await h.close();
    const canned = path.join(tmp, 'canned.json');
    await writeFile(canned, JSON.stringify({ proof: other.proof, publicSignals: ['1', '2'] }));
    process.env.ZKDESK_NATIVE_PROVER = await fakeProver('lies', `cat '${canned}'`);
    h = await makeHarness();
    const result = await (await h.prover.submit({ circuit, input: await sampleInput('stress-12') })).result;
    expect(result.backend).toBe('snarkjs');
    expect(await verifiesWithSnarkjs(circuit, result)).toBe(true);
  });

  it('dies with its worker: killing the worker mid-proof leaves no prover burning the CPU', async () => {
    h = await makeHarness();
    const circuit = await registry.resolve('stress-14');
    const job = await h.prover.submit({ circuit, input: await sampleInput('stress-14') });
    const children = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    let worker = 0;
    let native = 0;
    await waitFor(() => {
      worker = h?.prover.jobs().find((j) => j.jobId === job.jobId)?.workerPid ?? 0;
      native = worker ? (children(worker)[0] ?? 0) : 0;
      return native > 0;
    });
    process.kill(worker, 'SIGKILL');
    await job.result.catch(() => {});
    await waitFor(() => !isAlive(native), 5_000);
    expect(isAlive(native)).toBe(false);
  });

  it('refuses a truncated proving key with E_ARTIFACT_CORRUPT, and one of another circuit as foreign', async () => {
    const prover = new NativeGroth16(binary as string);
    const stress12 = await registry.resolve('stress-12');
    const { WitnessCalculatorBuilder } = await import('circom_runtime');
    const wc = await WitnessCalculatorBuilder(await readFile(stress12.files.wasmPath));
    const witness = await wc.calculateWTNSBin(await sampleInput('stress-12'), true);

    const damaged = path.join(tmp, 'truncated.zkey');
    await copyFile(stress12.files.zkeyPath, damaged);
    await truncate(damaged, 100_000);
    await expect(prover.prove(damaged, witness, () => {})).rejects.toMatchObject({ code: 'E_ARTIFACT_CORRUPT', message: expect.stringMatching(/damaged/) });

    const foreign = (await registry.resolve('stress-14')).files.zkeyPath;
    await expect(prover.prove(foreign, witness, () => {})).rejects.toMatchObject({ code: 'E_ARTIFACT_CORRUPT', message: expect.stringMatching(/does not belong/) });
  });
});

describe('which build a worker takes, and why', () => {
  const manifest = (binaries: Array<{ file: string; field: 'asm' | 'portable'; cpuFeatures: string[] }>): NativeManifest => ({
    target: 'linux-x64',
    ffiasm: '0.1.5',
    binaries: binaries.map((b) => ({ ...b, sha256: '0'.repeat(64), compiler: 'g++', flags: [], threads: 'pool', fingerprint: 'x' })),
  });
  const both = manifest([
    { file: 'zkdesk-groth16-asm', field: 'asm', cpuFeatures: ['bmi2', 'adx'] },
    { file: 'zkdesk-groth16', field: 'portable', cpuFeatures: [] },
  ]);

  it('takes the assembly where the CPU has BMI2 and ADX, the portable build where it lacks either', () => {
    const fast = chooseBinary(both, cpuFlags('processor : 0\nflags\t\t: fpu sse2 avx2 bmi1 bmi2 adx sha_ni\n'), () => true);
    expect(fast.binary?.file).toBe('zkdesk-groth16-asm');
    expect(fast.reason).toMatch(/BMI2 and ADX/);
    const old = chooseBinary(both, cpuFlags('flags\t\t: fpu sse2 avx2 bmi1 bmi2\n'), () => true);
    expect(old.binary?.file).toBe('zkdesk-groth16');
    expect(old.reason).toMatch(/needs BMI2 and ADX, which this CPU lacks/);
    // Where the features cannot be read, only the baseline build is safe.
    expect(chooseBinary(both, null, () => true).binary?.file).toBe('zkdesk-groth16');
    expect(chooseBinary(both, new Set(['bmi2', 'adx']), (f) => f !== 'zkdesk-groth16-asm').binary?.file).toBe('zkdesk-groth16');
    expect(chooseBinary(manifest([]), null, () => true).binary).toBeNull();
  });

  it('names folders by the os and arch names electron-builder uses in its macros', () => {
    expect(nativeTarget('linux', 'x64')).toBe('linux-x64');
    expect(nativeTarget('darwin', 'arm64')).toBe('mac-arm64');
    expect(nativeTarget('win32', 'x64')).toBe('win-x64');
    expect(nativeTarget('freebsd', 'x64')).toBeNull();
    expect(nativeTarget('linux', 'ia32')).toBeNull();
  });

  it('refuses a binary whose sha256 differs from the manifest, and says so', async () => {
    const dir = path.join(tmp, 'tampered');
    await mkdir(dir, { recursive: true });
    const good = Buffer.from('#!/bin/sh\nexit 0\n');
    await writeFile(path.join(dir, 'zkdesk-groth16'), good);
    const sha = createHash('sha256').update(good).digest('hex');
    const entry = { file: 'zkdesk-groth16', field: 'portable', cpuFeatures: [], sha256: sha, compiler: 'g++', flags: [], threads: 'pool', fingerprint: 'x' };
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ target: 'linux-x64', ffiasm: '0.1.5', binaries: [entry] }));
    const env = { ZKDESK_NATIVE_DIR: dir };
    expect(selectNativeProver(env, () => new Set()).report).toMatchObject({ backend: 'native', field: 'portable' });
    await writeFile(path.join(dir, 'zkdesk-groth16'), '#!/bin/sh\necho tampered\n');
    const refused = selectNativeProver(env, () => new Set()).report;
    expect(refused.backend).toBe('snarkjs');
    expect(refused.reason).toMatch(/sha256 does not match/);
  });

  it('proves with snarkjs when asked, when named a missing file, and says why', () => {
    expect(selectNativeProver({ ZKDESK_PROVER_BACKEND: 'snarkjs' }).report).toMatchObject({ backend: 'snarkjs', reason: expect.stringMatching(/ZKDESK_PROVER_BACKEND/) });
    expect(selectNativeProver({ ZKDESK_NATIVE_PROVER: path.join(tmp, 'missing') }).report.backend).toBe('snarkjs');
    if (binary) expect(binary.startsWith(path.join(projectRoot(), 'dist', 'native', nativeTarget(process.platform, process.arch) as string))).toBe(true);
  });
});

// What a worker and the native prover it starts are given: only the environment they need (a
// secret in main's environment never reaches them), and the job's memory cap as a kernel limit
// on the native prover, so an allocation past it fails at once instead of at main's next sample.
describe.skipIf(!binary)('worker and native prover limits', () => {
  it("the native prover sees neither main's secrets nor its NODE_OPTIONS, and gets the job's memory cap as a limit", async () => {
    const seen = path.join(tmp, 'native-env.txt');
    const probe = path.join(tmp, 'probe.sh');
    // Records what it was given, then fails the way a crash does, so snarkjs proves the job.
    await writeFile(probe, `#!/bin/sh\nenv > '${seen}'\nexit 3\n`);
    await chmod(probe, 0o755);
    process.env.ZKDESK_NATIVE_PROVER = probe;
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI-not-for-workers';
    process.env.GITHUB_TOKEN = 'ghp_notForWorkers0123456789abcdef';
    process.env.NODE_OPTIONS = '--require /nonexistent/inject.js';
    h = await makeHarness({ memoryCapBytes: 2 * 1024 ** 3 });
    const result = await (await h.prover.submit({ circuit: await registry.resolve('poseidon-preimage'), input: await sampleInput('poseidon-preimage') })).result;
    expect(result.verified).toBe(true);
    const env = await readFile(seen, 'utf8');
    expect(env).not.toContain('wJalrXUtnFEMI');
    expect(env).not.toContain('ghp_notForWorkers');
    expect(env).not.toContain('NODE_OPTIONS');
    expect(env).not.toMatch(/^HOME=/m);
    const limit = Number(/^ZKDESK_PROVER_MEMORY_LIMIT_BYTES=(\d+)$/m.exec(env)?.[1]);
    // The cap less what the worker itself holds.
    expect(limit).toBeGreaterThan(0);
    expect(limit).toBeLessThan(2 * 1024 ** 3);
  });

  it('the native prover asks the kernel to hold it to that limit', async () => {
    const limit = 48 * 1024 * 1024;
    // '-' reads the witness from stdin: the prover waits there, limit already set, while we look.
    const child = spawn(binary as string, [(await registry.resolve('stress-12')).files.zkeyPath, '-'], { env: { ZKDESK_PROVER_MEMORY_LIMIT_BYTES: String(limit) }, stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      let limits = '';
      await waitFor(() => {
        limits = readLimits(child.pid as number);
        return /Max data size\s+\d+/.test(limits);
      });
      expect(limits).toMatch(new RegExp(`Max data size\\s+${limit}\\s+${limit}\\s+bytes`));
    } finally {
      child.kill('SIGKILL');
    }
  });
});

function readLimits(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/limits`, 'utf8');
  } catch {
    return '';
  }
}
