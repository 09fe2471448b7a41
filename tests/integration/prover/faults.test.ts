// Faults injected for real: kill -9 mid-proof, a memory cap too small, a timeout, damaged
// keys, wrong inputs. Each fails only its own job with its code; the pool heals.
import { copyFile, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ResolvedCircuit } from '../../../main/services/prover/resolvedCircuit.js';
import { checkArtifacts } from '../../../main/services/prover/artifactCheck.js';
import { FileHashCache } from '../../../main/services/prover/fileHash.js';
import { NodeWorkerLauncher } from '../../../main/services/prover/nodeWorkerLauncher.js';
import { WorkerSlot } from '../../../main/services/prover/workerSlot.js';
import { projectRoot } from '../../../node/resourcePaths.js';
import { failureOf, makeHarness, registry, releaseCurve, sampleInput, waitFor, type Harness } from '../../support/proverHarness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

afterAll(releaseCurve);


/** A copy of a bundled circuit's files in a temp dir, to damage without touching the real ones. */
async function copyOfCircuit(id: string): Promise<ResolvedCircuit & { dir: string }> {
  const circuit = await registry.resolve(id);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-copy-'));
  const files = {
    wasmPath: path.join(dir, 'circuit.wasm'),
    zkeyPath: path.join(dir, 'circuit.zkey'),
    vkeyPath: path.join(dir, 'verification_key.json'),
  };
  await copyFile(circuit.files.wasmPath, files.wasmPath);
  await copyFile(circuit.files.zkeyPath, files.zkeyPath);
  await copyFile(circuit.files.vkeyPath, files.vkeyPath);
  return { ...circuit, files, dir };
}

describe('worker faults', () => {
  it('kill -9 mid-proof fails that job with E_WORKER_CRASHED and the next job succeeds', async () => {
    h = await makeHarness();
    const big = await registry.resolve('stress-14');
    const small = await registry.resolve('stress-12');
    const victim = await h.prover.submit({ circuit: big, input: await sampleInput('stress-14') });
    const next = await h.prover.submit({ circuit: small, input: await sampleInput('stress-12') });
    await waitFor(() => h?.prover.jobs().some((j) => j.jobId === victim.jobId && j.stage === 'prove') ?? false);
    const pid = h.prover.jobs().find((j) => j.jobId === victim.jobId)?.workerPid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');

    const error = await failureOf(victim.result);
    expect(error.code).toBe('E_WORKER_CRASHED');
    expect(error.details.signal).toBe('SIGKILL');
    const ok = await next.result;
    expect(ok.verified).toBe(true);
    expect(ok.workerPid).not.toBe(pid);
    const records = await h.history.read();
    expect(records.find((r) => r.jobId === victim.jobId)?.errorCode).toBe('E_WORKER_CRASHED');
  });

  it('a memory cap too small stops the proof with E_OUT_OF_MEMORY, reports the cap, and the pool heals', async () => {
    // 185 MB: enough for a small circuit (about 170 MB at peak here), not for stress-14 with
    // snarkjs (about 210 MB). The native prover needs a fraction of that, so this runs snarkjs.
    process.env.ZKDESK_PROVER_BACKEND = 'snarkjs';
    onTestFinished(() => {
      delete process.env.ZKDESK_PROVER_BACKEND;
    });
    h = await makeHarness({ memoryCapBytes: 185 * 1024 * 1024 });
    const big = await h.prover.submit({ circuit: await registry.resolve('stress-14'), input: await sampleInput('stress-14') });
    const small = await h.prover.submit({ circuit: await registry.resolve('poseidon-preimage'), input: await sampleInput('poseidon-preimage') });
    const error = await failureOf(big.result);
    expect(error.code).toBe('E_OUT_OF_MEMORY');
    expect(error.details.capMb).toBe(185);
    expect(error.message).toContain('185 MiB');
    const ok = await small.result;
    expect(ok.verified).toBe(true);
    expect(ok.peakRssBytes).toBeLessThanOrEqual(185 * 1024 * 1024);
  });

  it('where no outside memory probe exists, the V8 heap limit still stops a runaway worker with E_OUT_OF_MEMORY', async () => {
    const launcher = new NodeWorkerLauncher();
    const slot = new WorkerSlot(launcher, {
      script: path.join(projectRoot(), 'tests', 'fixtures', 'workers', 'heapHog.mjs'),
      name: 'heap-hog',
      memoryCapBytes: 64 * 1024 * 1024,
      probe: async () => null,
    });
    const circuit = await registry.resolve('poseidon-preimage');
    const checked = await checkArtifacts(circuit, new FileHashCache());
    const error = await failureOf(
      slot.run({ jobId: 'hog', artifacts: checked.artifacts, input: {}, timeoutMs: 60_000, onProgress: () => {} }),
    );
    expect(error.code).toBe('E_OUT_OF_MEMORY');
    expect(error.details.limit).toBe('V8 heap');
    expect(error.details.capMb).toBe(64);
    expect(slot.state).toBe('dead');
  });

  it('an out-of-memory error raised inside the worker reaches the user with the worker\'s cap', async () => {
    const slot = new WorkerSlot(new NodeWorkerLauncher(), {
      script: path.join(projectRoot(), 'tests', 'integration', 'prover', 'fixtures', 'bufferHog.mjs'),
      name: 'buffer-hog',
      memoryCapBytes: 300 * 1024 * 1024,
      probe: async () => null,
    });
    const checked = await checkArtifacts(await registry.resolve('poseidon-preimage'), new FileHashCache());
    const error = await failureOf(slot.run({ jobId: 'buffer', artifacts: checked.artifacts, input: {}, timeoutMs: 60_000, onProgress: () => {} }));
    expect(error.code).toBe('E_OUT_OF_MEMORY');
    expect(error.details).toMatchObject({ capMb: 300, stage: 'prove' });
    expect(error.message).toContain('300 MiB');
    // The worker itself lives on: the allocation failed, the process did not.
    expect(slot.state).toBe('idle');
    await slot.shutdown();
  });

  it('a job over its time limit fails with E_TIMEOUT and the next one runs', async () => {
    h = await makeHarness();
    const circuit = await registry.resolve('stress-14');
    const slow = await h.prover.submit({ circuit, input: await sampleInput('stress-14'), timeoutMs: 300 });
    const error = await failureOf(slow.result);
    expect(error.code).toBe('E_TIMEOUT');
    const ok = await (await h.prover.submit({ circuit: await registry.resolve('poseidon-preimage'), input: await sampleInput('poseidon-preimage') })).result;
    expect(ok.verified).toBe(true);
  });

  it('a truncated proving key is refused with E_ARTIFACT_CORRUPT before any worker starts', async () => {
    h = await makeHarness();
    const copy = await copyOfCircuit('stress-12');
    await truncate(copy.files.zkeyPath, 100_000);
    const error = await failureOf(h.prover.submit({ circuit: copy, input: await sampleInput('stress-12') }));
    expect(error.code).toBe('E_ARTIFACT_CORRUPT');
    expect(error.message).toContain('truncated');
    expect(h.prover.workerPids()).toEqual([]);
    const records = await h.history.read();
    expect(records.at(-1)?.errorCode).toBe('E_ARTIFACT_CORRUPT');
    await rm(copy.dir, { recursive: true, force: true });
  });

  it('a proving key that differs from its manifest is refused with E_ARTIFACT_CORRUPT', async () => {
    h = await makeHarness();
    const copy = await copyOfCircuit('poseidon-preimage');
    // Same size, one byte flipped deep inside a point section: only the hash can tell.
    const bytes = await readFile(copy.files.zkeyPath);
    const at = bytes.length - 100;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    await writeFile(copy.files.zkeyPath, bytes);
    const error = await failureOf(h.prover.submit({ circuit: copy, input: await sampleInput('poseidon-preimage') }));
    expect(error.code).toBe('E_ARTIFACT_CORRUPT');
    expect(error.details.file).toBe('proving key');
    await rm(copy.dir, { recursive: true, force: true });
  });

  it('the proving key of another circuit is refused, even without a manifest', async () => {
    h = await makeHarness();
    const a = await registry.resolve('stress-12');
    const b = await registry.resolve('poseidon-preimage');
    const mixed: ResolvedCircuit = { id: 'mixed', title: 'mixed', source: 'files', manifest: null, files: { ...a.files, zkeyPath: b.files.zkeyPath } };
    const error = await failureOf(h.prover.submit({ circuit: mixed, input: await sampleInput('stress-12') }));
    // The verification key of stress-12 has 2 public signals, poseidon's key 1.
    expect(error.code).toBe('E_ARTIFACT_CORRUPT');
  });

  it('an input missing a signal or with a non-numeric value gets E_INPUT_INVALID naming the signal', async () => {
    h = await makeHarness();
    const circuit = await registry.resolve('merkle-membership');
    const input = await sampleInput('merkle-membership');
    const { root: _root, ...withoutRoot } = input;
    const missing = await failureOf(h.prover.submit({ circuit, input: withoutRoot }));
    expect(missing.code).toBe('E_INPUT_INVALID');
    expect(missing.details.signal).toBe('root');

    const elements = [...(input.pathElements as string[])];
    elements[3] = 'not-a-number';
    const nonNumeric = await failureOf(h.prover.submit({ circuit, input: { ...input, pathElements: elements } }));
    expect(nonNumeric.details.signal).toBe('pathElements[3]');
    expect(h.prover.workerPids()).toEqual([]);
  });

  it('a well-formed input that does not satisfy the circuit fails with E_CONSTRAINT_UNSATISFIED', async () => {
    h = await makeHarness();
    const circuit = await registry.resolve('poseidon-preimage');
    const input = await sampleInput('poseidon-preimage');
    const error = await failureOf((await h.prover.submit({ circuit, input: { ...input, hash: '12345' } })).result);
    expect(error.code).toBe('E_CONSTRAINT_UNSATISFIED');
    // The worker survives a witness failure and proves the next job.
    const ok = await (await h.prover.submit({ circuit, input })).result;
    expect(ok.verified).toBe(true);
  });
});
