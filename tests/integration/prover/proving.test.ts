// Real circuits proved in real worker processes, checked by plain snarkjs.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, makeHarness, registry, releaseCurve, sampleInput, verifiesWithSnarkjs, type Harness } from '../../support/proverHarness.js';

let h: Harness;

beforeAll(async () => {
  h = await makeHarness();
});

afterAll(async () => {
  await h.close();
  await releaseCurve();
});

describe('proving bundled circuits in a worker process', () => {
  it.each(['poseidon-preimage', 'merkle-membership', 'stress-12'])('%s: a verified proof that snarkjs accepts', async (id) => {
    const circuit = await registry.resolve(id);
    const handle = await h.prover.submit({ circuit, input: await sampleInput(id) });
    const result = await handle.result;
    expect(result.verified).toBe(true);
    expect(result.publicSignals).toHaveLength(circuit.manifest?.publicSignals.length ?? -1);
    expect(await verifiesWithSnarkjs(circuit, result)).toBe(true);
    expect(result.timings.proveMs).toBeGreaterThan(0);
    expect(result.peakRssBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(result.workerPid).not.toBe(process.pid);
  });

  it('keeps the worker warm: the second proof of a circuit reuses its key and witness calculator', async () => {
    const circuit = await registry.resolve('poseidon-preimage');
    const input = await sampleInput('poseidon-preimage');
    await (await h.prover.submit({ circuit, input })).result;
    const second = await (await h.prover.submit({ circuit, input })).result;
    expect(second.cache).toEqual({ zkey: 'hit', witnessCalculator: 'hit' });
  });

  it('records each job in the history with timings and memory, never the inputs', async () => {
    const records = await h.history.read();
    expect(records.length).toBeGreaterThanOrEqual(3);
    const last = records.at(-1);
    expect(last?.outcome).toBe('verified');
    expect(last?.workerPid).toBeGreaterThan(0);
    expect(last?.timings.totalMs).toBeGreaterThan(0);
    expect(last?.circuitSha256).toMatch(/^[0-9a-f]{64}$/);
    const text = await readFile(h.history.file, 'utf8');
    const secret = (await sampleInput('merkle-membership')).secret as string;
    const preimage = ((await sampleInput('poseidon-preimage')).preimage as string[])[0] as string;
    expect(text).not.toContain(secret);
    expect(text).not.toContain(preimage);
  });

  it('frees the worker threads on close, so the worker process exits', async () => {
    const pids = h.prover.workerPids();
    expect(pids.length).toBe(1);
    await h.prover.close();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });
});
