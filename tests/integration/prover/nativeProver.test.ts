// The native prover (dist/native/zkdesk-groth16) in real workers: its proofs verify with plain
// snarkjs, it is what the pool uses where it is built, snarkjs takes over when it crashes or
// lies, and it dies with its worker. Where it cannot be built (no nasm, not x86-64 Linux) the
// suite says so in one line; CI sets ZKDESK_REQUIRE_NATIVE=1 so it can never skip there.
import { chmod, mkdtemp, readFile, rm, truncate, copyFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NativeGroth16, cpuRunsNativeProver, locateNativeProver } from '../../../native-workers/nativeGroth16.js';
import { projectRoot } from '../../../node/resourcePaths.js';
import { isAlive, makeHarness, registry, releaseCurve, sampleInput, verifiesWithSnarkjs, waitFor, type Harness } from '../../support/proverHarness.js';

const binary = locateNativeProver();
if (!binary) {
  if (process.env.ZKDESK_REQUIRE_NATIVE === '1') throw new Error('ZKDESK_REQUIRE_NATIVE=1 but dist/native/zkdesk-groth16 is missing or this CPU lacks BMI2/ADX');
  console.log('Native prover tests skipped: dist/native/zkdesk-groth16 was not built here (see `npm run build:native`).');
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
    process.env.ZKDESK_NATIVE_PROVER = await fakeProver('lies', `cat > /dev/null; cat '${canned}'`);
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

describe('which CPUs run it', () => {
  it('needs BMI2 and ADX, as the generated field code uses mulx, adcx and adox', () => {
    expect(cpuRunsNativeProver('processor : 0\nflags\t\t: fpu sse2 avx2 bmi1 bmi2 adx sha_ni\n')).toBe(true);
    expect(cpuRunsNativeProver('flags\t\t: fpu sse2 avx2 bmi1 bmi2\n')).toBe(false);
    expect(cpuRunsNativeProver('')).toBe(false);
  });

  it('looks for the build in dist/native unless told otherwise', () => {
    const expected = path.join(projectRoot(), 'dist', 'native', 'zkdesk-groth16');
    if (binary) expect(binary).toBe(expected);
    expect(locateNativeProver({ ZKDESK_PROVER_BACKEND: 'snarkjs' })).toBeNull();
    expect(locateNativeProver({ ZKDESK_NATIVE_PROVER: path.join(tmp, 'missing') })).toBeNull();
  });
});
