// The edges of a job's and a worker's life on real worker processes: the service closing
// under a running proof, a cancel that crosses the proof's end, and a worker that stops
// answering while idle.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../common/prover/proverTypes.js';
import { failureOf, isAlive, makeHarness, registry, releaseCurve, sampleInput, waitFor, type Harness } from '../../support/proverHarness.js';

let h: Harness | undefined;
const stopped: number[] = [];

afterEach(async () => {
  for (const pid of stopped.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  await h?.close();
  h = undefined;
});

afterAll(releaseCurve);

describe('job and worker lifecycle', () => {
  it('closing the service while a proof runs ends that job with E_SHUTTING_DOWN, not as a crash', async () => {
    h = await makeHarness();
    const finished: JobRecord[] = [];
    h.prover.on((e) => {
      if (e.type === 'finished') finished.push(e.record);
    });
    const job = await h.prover.submit({ circuit: await registry.resolve('stress-14'), input: await sampleInput('stress-14') });
    await waitFor(() => h?.prover.jobs().some((j) => j.jobId === job.jobId && j.stage === 'prove') ?? false);
    const pid = h.prover.workerPids()[0] as number;

    await h.prover.close();
    const error = await failureOf(job.result);
    expect(error.code).toBe('E_SHUTTING_DOWN');
    expect(error.message).toMatch(/shutting down/);
    // The app writes a crash record for E_WORKER_CRASHED 'finished' records: this one must not be one.
    expect(finished.map((r) => r.errorCode)).toEqual(['E_SHUTTING_DOWN']);
    const record = (await h.history.read()).find((r) => r.jobId === job.jobId);
    expect(record).toMatchObject({ outcome: 'failed', errorCode: 'E_SHUTTING_DOWN' });
    expect(isAlive(pid)).toBe(false);
  });

  it('a cancel that arrives while the proof is being verified is kept: the job ends cancelled', async () => {
    h = await makeHarness();
    const circuit = await registry.resolve('stress-12');
    const input = await sampleInput('stress-12');
    let jobId = '';
    let answer: boolean | undefined;
    h.prover.on((e) => {
      if (e.type === 'job' && e.job.jobId === jobId && e.job.stage === 'verify' && answer === undefined) answer = h?.prover.cancel(jobId);
    });
    const job = await h.prover.submit({ circuit, input });
    jobId = job.jobId;
    const error = await failureOf(job.result);
    expect(answer).toBe(true);
    expect(error.code).toBe('E_CANCELLED');
    expect((await h.history.read()).find((r) => r.jobId === jobId)?.outcome).toBe('cancelled');
    // The worker was not harmed by it: the next job proves.
    expect((await (await h.prover.submit({ circuit, input })).result).verified).toBe(true);
  });

  it('cancel answers false for a job whose proof is already in, and the job stays verified', async () => {
    h = await makeHarness();
    let answer: boolean | undefined;
    h.prover.on((e) => {
      // 'finished' goes out once the outcome is known, while the job still counts as running.
      if (e.type === 'finished' && e.record.outcome === 'verified') answer = h?.prover.cancel(e.record.jobId);
    });
    const job = await h.prover.submit({ circuit: await registry.resolve('poseidon-preimage'), input: await sampleInput('poseidon-preimage') });
    expect((await job.result).verified).toBe(true);
    expect(answer).toBe(false);
  });

  it('an idle worker that stops answering is found by a health check and replaced before it gets a job', async () => {
    h = await makeHarness({ healthCheck: { idleMs: 300, timeoutMs: 1000 } });
    await h.prover.warmUp(1);
    const [frozen] = h.prover.workerPids() as [number];
    process.kill(frozen, 'SIGSTOP');
    stopped.push(frozen);
    await sleep(500);

    const circuit = await registry.resolve('stress-12');
    // Without the check the job would go to the stopped worker and only end at its time limit.
    const result = await (await h.prover.submit({ circuit, input: await sampleInput('stress-12'), timeoutMs: 30_000 })).result;
    expect(result.verified).toBe(true);
    expect(result.workerPid).not.toBe(frozen);
    await waitFor(() => !isAlive(frozen));
  });

  it('a worker that answers its health check keeps its place and proves the next job', async () => {
    h = await makeHarness({ healthCheck: { idleMs: 300, timeoutMs: 1000 } });
    await h.prover.warmUp(1);
    const [pid] = h.prover.workerPids() as [number];
    await sleep(800);
    const result = await (await h.prover.submit({ circuit: await registry.resolve('poseidon-preimage'), input: await sampleInput('poseidon-preimage') })).result;
    expect(result.workerPid).toBe(pid);
  });
});
