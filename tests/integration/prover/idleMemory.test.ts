// The service gives back the memory its proofs took when no job is left, never while one is
// queued or running, and a closed service leaves nothing behind to run.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fullCollection } from '../../../main/services/prover/idleMemoryReducer.js';
import { makeHarness, registry, releaseCurve, sampleInput, type Harness } from '../../support/proverHarness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

afterAll(releaseCurve);

describe('memory after proofs', () => {
  it('collects once the last queued job has finished, and never while one is queued or running', async () => {
    const gc = fullCollection();
    const jobsActiveAtCollection: number[] = [];
    h = await makeHarness({
      idleMemory: {
        idleAfterMs: 0,
        intervalMs: 50,
        maxCollections: 3,
        collect: () => {
          jobsActiveAtCollection.push(h?.prover.jobs().filter((j) => j.state === 'queued' || j.state === 'running').length ?? -1);
          gc();
        },
      },
    });
    const circuit = await registry.resolve('stress-12');
    const input = await sampleInput('stress-12');
    const jobs = await Promise.all([1, 2, 3].map(() => h!.prover.submit({ circuit, input })));
    for (const job of jobs) expect((await job.result).verified).toBe(true);

    const report = await h.prover.idleMemory.settled();
    expect(report.collections).toBeGreaterThan(0);
    expect(jobsActiveAtCollection.length).toBeGreaterThan(0);
    expect(jobsActiveAtCollection.every((n) => n === 0)).toBe(true);

    // The service still proves afterwards, and the next quiet spell collects again.
    const before = jobsActiveAtCollection.length;
    expect((await (await h.prover.submit({ circuit, input })).result).verified).toBe(true);
    await h.prover.idleMemory.settled();
    expect(jobsActiveAtCollection.length).toBeGreaterThan(before);
  });

  it('closing the service cancels a pending countdown', async () => {
    let collections = 0;
    h = await makeHarness({ idleMemory: { idleAfterMs: 60_000, collect: () => collections++ } });
    const circuit = await registry.resolve('stress-12');
    expect((await (await h.prover.submit({ circuit, input: await sampleInput('stress-12') })).result).verified).toBe(true);
    const settled = h.prover.idleMemory.settled();
    await h.close();
    h = undefined;
    expect((await settled).collections).toBe(0);
    expect(collections).toBe(0);
  });
});
