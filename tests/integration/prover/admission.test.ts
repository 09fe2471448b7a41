// Memory admission on real workers: never more concurrent proofs than memory allows. The
// available and total memory are injected, so "room for one proof" is exact on any machine.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../common/prover/proverTypes.js';
import { failureOf, makeHarness, registry, releaseCurve, sampleInput, type Harness } from '../../support/proverHarness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

afterAll(releaseCurve);

/** Submits two stress-12 jobs on a two-worker pool; `room` is set from the first job's expected peak. */
async function twoJobs(roomFor: (expectedPeakBytes: number) => number): Promise<[JobRecord, JobRecord]> {
  let room = Number.POSITIVE_INFINITY;
  h = await makeHarness({ poolSize: 2, availableMemory: () => room });
  const circuit = await registry.resolve('stress-12');
  const input = await sampleInput('stress-12');
  const first = await h.prover.submit({ circuit, input });
  const peak = h.prover.jobs().find((j) => j.jobId === first.jobId)?.expectedPeakBytes ?? 0;
  expect(peak).toBeGreaterThan(0);
  room = roomFor(peak);
  const second = await h.prover.submit({ circuit, input });
  await Promise.all([first.result, second.result]);
  const records = await h.history.read();
  const byId = (id: string) => records.find((r) => r.jobId === id) as JobRecord;
  return [byId(first.jobId), byId(second.jobId)];
}

const overlap = (a: JobRecord, b: JobRecord): boolean => Date.parse(b.startedAt ?? '') < Date.parse(a.finishedAt);

describe('memory admission', () => {
  it('with room for one proof, two jobs on a two-worker pool run one after the other', async () => {
    // 80 % of the available memory holds one expected peak and a half: not two.
    const [first, second] = await twoJobs((peak) => (peak * 1.5) / 0.8);
    expect(first.outcome).toBe('verified');
    expect(second.outcome).toBe('verified');
    expect(overlap(first, second)).toBe(false);
  });

  it('with room for both, the same two jobs run at the same time', async () => {
    const [first, second] = await twoJobs((peak) => (peak * 2.5) / 0.8);
    expect(overlap(first, second)).toBe(true);
    expect(first.workerPid).not.toBe(second.workerPid);
  });

  it('a job expected to need more than all the machine has is refused at once, naming both sizes', async () => {
    h = await makeHarness({ totalMemory: () => 64 * 1024 * 1024 });
    const error = await failureOf(h.prover.submit({ circuit: await registry.resolve('stress-12'), input: await sampleInput('stress-12') }));
    expect(error.code).toBe('E_OUT_OF_MEMORY');
    expect(error.details).toMatchObject({ limit: 'machine memory', totalMemoryMb: 64 });
    expect(error.message).toMatch(/about [\d.]+ MiB .* 64\.0 MiB/);
    expect(h.prover.workerPids()).toEqual([]);
    expect((await h.history.read()).at(-1)?.errorCode).toBe('E_OUT_OF_MEMORY');
  });
});
