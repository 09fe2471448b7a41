// The queue and the pool: cancel, priorities, many jobs at once.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ZkError } from '../../../common/errors.js';
import { isAlive, makeHarness, registry, releaseCurve, sampleInput, verifiesWithSnarkjs, waitFor, type Harness } from '../../support/proverHarness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

afterAll(releaseCurve);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'succeeded';
  } catch (error) {
    return error instanceof ZkError ? error.code : String(error);
  }
}

describe('queue and pool', () => {
  it('cancelling a queued job removes it without it ever running', async () => {
    h = await makeHarness();
    const circuit = await registry.resolve('stress-12');
    const input = await sampleInput('stress-12');
    const first = await h.prover.submit({ circuit, input });
    const queued = await h.prover.submit({ circuit, input });
    expect(h.prover.cancel(queued.jobId)).toBe(true);
    expect(await codeOf(queued.result)).toBe('E_CANCELLED');
    expect((await first.result).verified).toBe(true);
    const records = await h.history.read();
    const record = records.find((r) => r.jobId === queued.jobId);
    expect(record?.outcome).toBe('cancelled');
    expect(record?.startedAt).toBeNull();
  });

  it('cancelling a running job stops it, replaces its worker, and the queue goes on', async () => {
    h = await makeHarness();
    const big = await registry.resolve('stress-14');
    const running = await h.prover.submit({ circuit: big, input: await sampleInput('stress-14') });
    const after = await h.prover.submit({ circuit: await registry.resolve('stress-12'), input: await sampleInput('stress-12') });
    await waitFor(() => h?.prover.jobs().some((j) => j.jobId === running.jobId && j.stage === 'prove') ?? false);
    const pid = h.prover.jobs().find((j) => j.jobId === running.jobId)?.workerPid as number;
    expect(h.prover.cancel(running.jobId)).toBe(true);
    expect(await codeOf(running.result)).toBe('E_CANCELLED');
    const ok = await after.result;
    expect(ok.verified).toBe(true);
    expect(ok.workerPid).not.toBe(pid);
    expect(isAlive(pid)).toBe(false);
  });

  it('a job announced as finished (verified or cancelled) is already in the history', async () => {
    // The app reloads its history table on the terminal event; a record written after it would be missed.
    h = await makeHarness();
    const circuit = await registry.resolve('stress-12');
    const input = await sampleInput('stress-12');
    const seen: Promise<{ state: string; inHistory: boolean }>[] = [];
    h.prover.on((e) => {
      if (e.type !== 'job' || (e.job.state !== 'verified' && e.job.state !== 'cancelled')) return;
      const { jobId, state } = e.job;
      seen.push(h!.history.read().then((records) => ({ state, inHistory: records.some((r) => r.jobId === jobId) })));
    });
    const first = await h.prover.submit({ circuit, input });
    const queued = await h.prover.submit({ circuit, input });
    h.prover.cancel(queued.jobId);
    await codeOf(queued.result);
    await first.result;
    expect((await Promise.all(seen)).sort((a, b) => a.state.localeCompare(b.state))).toEqual([
      { state: 'cancelled', inHistory: true },
      { state: 'verified', inHistory: true },
    ]);
  });

  it('runs a higher-priority job before lower ones queued earlier', async () => {
    h = await makeHarness();
    const circuit = await registry.resolve('poseidon-preimage');
    const input = await sampleInput('poseidon-preimage');
    const order: string[] = [];
    h.prover.on((e) => {
      if (e.type === 'finished') order.push(e.record.jobId);
    });
    const blocker = await h.prover.submit({ circuit, input });
    const low = await h.prover.submit({ circuit, input, priority: 0 });
    const high = await h.prover.submit({ circuit, input, priority: 10 });
    await Promise.all([blocker.result, low.result, high.result]);
    expect(order).toEqual([blocker.jobId, high.jobId, low.jobId]);
  });

  it('ten jobs queued at once on two workers all finish with verified proofs', async () => {
    h = await makeHarness({ poolSize: 2 });
    const circuits = ['poseidon-preimage', 'stress-12'];
    const handles = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const id = circuits[i % 2] as string;
        const circuit = await registry.resolve(id);
        return { circuit, handle: await h!.prover.submit({ circuit, input: await sampleInput(id) }) };
      }),
    );
    const results = await Promise.all(handles.map(async ({ circuit, handle }) => ({ circuit, result: await handle.result })));
    expect(results).toHaveLength(10);
    for (const { circuit, result } of results) expect(await verifiesWithSnarkjs(circuit, result)).toBe(true);
    const pids = new Set(results.map((r) => r.result.workerPid));
    expect(pids.size).toBe(2);
    expect((await h.history.read()).filter((r) => r.outcome === 'verified')).toHaveLength(10);
  });
});
