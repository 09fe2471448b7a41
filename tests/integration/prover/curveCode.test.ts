// The bn128 curve built from its WebAssembly code generated once at build time (not in every
// worker) is a real verifier: it accepts a real proof and refuses a forged one, and code that
// does not match the installed packages, or is damaged, is not used.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as snarkjs from 'snarkjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBn128Curve, generateCurveCode, readPrebuiltCurveCode, type CurveCodeFiles } from '../../../native-workers/bn128Curve.js';
import { makeHarness, registry, releaseCurve, sampleInput } from '../../support/proverHarness.js';

let tmp: string;
let files: CurveCodeFiles;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-curve-'));
  files = { code: path.join(tmp, 'bn128-curve.wasm'), stamp: path.join(tmp, 'bn128-curve.json') };
  const { code, stamp } = await generateCurveCode();
  await writeFile(files.code, code);
  await writeFile(files.stamp, JSON.stringify(stamp));
});
afterAll(async () => {
  await releaseCurve();
  await rm(tmp, { recursive: true, force: true });
});

describe('the curve from prebuilt code', () => {
  it('verifies a real proof and refuses the same proof of another public signal', async () => {
    const h = await makeHarness();
    const circuit = await registry.resolve('poseidon-preimage');
    let result;
    try {
      result = await (await h.prover.submit({ circuit, input: await sampleInput('poseidon-preimage') })).result;
    } finally {
      await h.close();
    }
    const vkey = JSON.parse(await readFile(circuit.files.vkeyPath, 'utf8')) as unknown;
    // snarkjs verifies on the curve it finds on globalThis: this one, without threads.
    await releaseCurve();
    (globalThis as { curve_bn128?: unknown }).curve_bn128 = await buildBn128Curve(false, files);
    expect(await snarkjs.groth16.verify(vkey, result.publicSignals, result.proof)).toBe(true);
    const forged = result.publicSignals.map((signal, i) => (i === 0 ? (BigInt(signal) + 1n).toString() : signal));
    expect(await snarkjs.groth16.verify(vkey, forged, result.proof)).toBe(false);
  });

  it('is not used when other versions of ffjavascript, wasmcurves or wasmbuilder made it, or when it is damaged', async () => {
    expect(readPrebuiltCurveCode(files)).not.toBeNull();
    const stamp = JSON.parse(await readFile(files.stamp, 'utf8')) as { versions: Record<string, string> };

    const stale = { ...files, stamp: path.join(tmp, 'stale.json') };
    await writeFile(stale.stamp, JSON.stringify({ ...stamp, versions: { ...stamp.versions, wasmcurves: '0.0.1' } }));
    expect(readPrebuiltCurveCode(stale)).toBeNull();

    const damaged = { ...files, code: path.join(tmp, 'damaged.wasm') };
    const code = await readFile(files.code);
    code.writeUInt8(code.readUInt8(code.length - 1) ^ 1, code.length - 1);
    await writeFile(damaged.code, code);
    expect(readPrebuiltCurveCode(damaged)).toBeNull();
  });
});
