// The worker's warm cache on real workers: a replaced proving key is a new entry (the next
// job reads it, and its proof verifies with the new verification key), and everything kept
// warm (keys, witness calculators, verification keys) shares one byte budget.
import { copyFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as snarkjs from 'snarkjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ResolvedCircuit } from '../../../main/services/prover/resolvedCircuit.js';
import { makeHarness, registry, releaseCurve, sampleInput, verifiesWithSnarkjs, type Harness } from '../../support/proverHarness.js';

let h: Harness | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

afterAll(releaseCurve);

/** The Poseidon circuit as bare files in a temp folder (no manifest pins their hashes). */
async function bareCopy(): Promise<ResolvedCircuit> {
  const bundled = await registry.resolve('poseidon-preimage');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-keycache-'));
  dirs.push(dir);
  const files = { wasmPath: path.join(dir, 'circuit.wasm'), zkeyPath: path.join(dir, 'circuit.zkey'), vkeyPath: path.join(dir, 'verification_key.json') };
  await copyFile(bundled.files.wasmPath, files.wasmPath);
  await copyFile(bundled.files.zkeyPath, files.zkeyPath);
  await copyFile(bundled.files.vkeyPath, files.vkeyPath);
  return { id: 'poseidon-copy', title: 'Poseidon copy', source: 'files', manifest: null, files };
}

describe('worker key cache', () => {
  it('a proving key replaced on disk is read afresh: a cache miss, and a proof that verifies with the new key', async () => {
    h = await makeHarness();
    const circuit = await bareCopy();
    const input = await sampleInput('poseidon-preimage');
    const prove = async () => (await h!.prover.submit({ circuit, input })).result;

    expect((await prove()).cache.zkey).toBe('miss');
    const warm = await prove();
    expect(warm.cache.zkey).toBe('hit');
    const oldVkey = await snarkjs.zKey.exportVerificationKey(circuit.files.zkeyPath);

    // Another valid key for the same circuit: one more phase-2 contribution (a beacon) on the committed one.
    const next = `${circuit.files.zkeyPath}.next`;
    // snarkjs refuses fewer than 2^10 beacon iterations (and then writes nothing).
    await snarkjs.zKey.beacon(circuit.files.zkeyPath, next, 'key cache test', '0f'.repeat(32), 10);
    const newVkey = await snarkjs.zKey.exportVerificationKey(next);
    await rename(next, circuit.files.zkeyPath);
    await writeFile(circuit.files.vkeyPath, JSON.stringify(newVkey));

    const fresh = await prove();
    expect(fresh.cache).toEqual({ zkey: 'miss', witnessCalculator: 'hit' });
    expect(fresh.workerPid).toBe(warm.workerPid);
    expect(await verifiesWithSnarkjs(circuit, fresh)).toBe(true);
    // It really is the new key's proof: the old verification key refuses it.
    expect(await snarkjs.groth16.verify(oldVkey, fresh.publicSignals, fresh.proof)).toBe(false);
  });

  it('witness calculators count against the same budget as keys: one too big for it is not kept', async () => {
    // 2 MB holds Poseidon's 0.13 MB key and its vkey, not its calculator (counted as 4 x its 1.7 MB wasm).
    h = await makeHarness({ workerCacheMb: 2 });
    const circuit = await registry.resolve('poseidon-preimage');
    const input = await sampleInput('poseidon-preimage');
    await (await h.prover.submit({ circuit, input })).result;
    const second = await (await h.prover.submit({ circuit, input })).result;
    expect(second.cache).toEqual({ zkey: 'hit', witnessCalculator: 'miss' });
    expect(second.verified).toBe(true);
  });
});
