import { describe, expect, it } from 'vitest';
import type { CircuitCheck, CircuitSummary } from '../../../../preload/contract.js';
import type { JobSnapshot, ProofResult } from '../../../../common/prover/proverTypes.js';
import { testHost } from '../../testing/testHost.js';
import { defaultSettings } from '../../testing/sampleSettings.js';
import { useAppStore } from '../../stores/appStore.js';
import { longProofQuestion } from './proverSlice.js';

const circuit: CircuitSummary = {
  id: 'stress-12',
  title: 'Stress 2^12',
  description: 'a multiplication chain',
  source: 'bundled',
  built: true,
  constraints: 4032,
  domainPower: 12,
  wires: 4034,
  zkeyBytes: 2_000_000,
  publicSignals: ['out'],
  inputs: [{ name: 'a', dims: [], public: false }],
  ceremony: 'development',
};

function check(totalMs: number | null): CircuitCheck {
  return { circuit, estimate: totalMs === null ? null : { totalMs } } as unknown as CircuitCheck;
}

function snapshot(jobId: string, state: JobSnapshot['state'], extra: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    jobId,
    circuitId: circuit.id,
    title: circuit.title,
    state,
    priority: 0,
    stage: null,
    progress: 0,
    expectedPeakBytes: 0,
    workerPid: null,
    submittedAt: new Date(0).toISOString(),
    error: null,
    historyError: null,
    ...extra,
  } as JobSnapshot;
}

async function chooseCircuit(totalMs: number | null = 500): Promise<void> {
  testHost.answer({ 'circuits.list': () => [circuit], 'advisor.circuit': () => check(totalMs), 'prover.history': () => [] });
  await useAppStore.getState().loadCircuits();
  await useAppStore.getState().selectCircuit(circuit.id);
}

describe('prover slice', () => {
  it('refuses input that is not a JSON object before anything is sent', async () => {
    await chooseCircuit();
    for (const text of ['{"a": ', '[1, 2]', '"3"']) {
      useAppStore.getState().setInputText(text);
      await useAppStore.getState().submitProof();
      expect(useAppStore.getState().proveError?.code).toBe('E_INPUT_MALFORMED');
    }
    expect(testHost.calls.filter((c) => c.method === 'prover.submit')).toEqual([]);
  });

  it('names the file a loaded input came from when it cannot be read', async () => {
    await chooseCircuit();
    useAppStore.getState().loadInputFile('input.json', '{ not json');
    expect(useAppStore.getState().proveError?.message).toMatch(/^input\.json: The input is not valid JSON/);
    expect(useAppStore.getState().inputText).toBe('{ not json');
    useAppStore.getState().loadInputFile('good.json', '{"a":"3"}');
    expect(useAppStore.getState().proveError).toBeNull();
    expect(JSON.parse(useAppStore.getState().inputText)).toEqual({ a: '3' });
  });

  it('asks first when the estimate is over the limit in settings, and proves only on yes', async () => {
    await chooseCircuit(5_000);
    useAppStore.setState({ settings: defaultSettings({ predictedTimeWarnSec: 2 }) });
    testHost.answer({ 'prover.submit': () => ({ jobId: 'job-1' }) });
    useAppStore.getState().setInputText('{"a":"3"}');
    await useAppStore.getState().submitProof();
    expect(useAppStore.getState().longProofQuestion).toEqual({ circuitId: circuit.id, predictedMs: 5_000, limitSec: 2 });
    expect(testHost.calls.some((c) => c.method === 'prover.submit')).toBe(false);
    await useAppStore.getState().confirmLongProof();
    expect(testHost.calls.filter((c) => c.method === 'prover.submit')).toEqual([{ method: 'prover.submit', input: { circuitId: circuit.id, input: { a: '3' } } }]);
    expect(useAppStore.getState().currentJob).toMatchObject({ jobId: 'job-1', state: 'queued' });
  });

  it('asks nothing when the estimate is unknown or within the limit', () => {
    expect(longProofQuestion(check(null), 1)).toBeNull();
    expect(longProofQuestion(check(900), 1)).toBeNull();
    expect(longProofQuestion(check(1_100), undefined)).toBeNull();
    expect(longProofQuestion(check(1_100), 1)).toEqual({ circuitId: circuit.id, predictedMs: 1_100, limitSec: 1 });
  });

  it("follows its own job's events to the verified result, ignoring other jobs' events", async () => {
    await chooseCircuit();
    const result = { jobId: 'job-1', circuitId: circuit.id, publicSignals: ['9'] } as unknown as ProofResult;
    testHost.answer({ 'prover.submit': () => ({ jobId: 'job-1' }), 'prover.result': () => result });
    useAppStore.getState().setInputText('{"a":"3"}');
    await useAppStore.getState().submitProof();
    const { receiveJobSnapshot } = useAppStore.getState();
    receiveJobSnapshot(snapshot('job-2', 'running', { stage: 'prove', progress: 0.5 }));
    expect(useAppStore.getState().currentJob?.jobId).toBe('job-1');
    receiveJobSnapshot(snapshot('job-1', 'running', { stage: 'prove', progress: 0.5 }));
    expect(useAppStore.getState().currentJob).toMatchObject({ state: 'running', stage: 'prove' });
    receiveJobSnapshot(snapshot('job-1', 'verified', { progress: 1 }));
    await expect.poll(() => useAppStore.getState().proofResult).toEqual(result);
    // A late snapshot of the finished job does not move it back.
    receiveJobSnapshot(snapshot('job-1', 'running'));
    expect(useAppStore.getState().currentJob?.state).toBe('verified');
  });

  it("shows a failed job's error with its help link", async () => {
    await chooseCircuit();
    testHost.answer({ 'prover.submit': () => ({ jobId: 'job-1' }) });
    useAppStore.getState().setInputText('{"a":"3"}');
    await useAppStore.getState().submitProof();
    const error = { code: 'E_TIMEOUT', message: 'The proof took longer than the time limit.', helpId: 'errors/E_TIMEOUT', details: {} };
    useAppStore.getState().receiveJobSnapshot(snapshot('job-1', 'failed', { error } as Partial<JobSnapshot>));
    expect(useAppStore.getState().proveError).toEqual({ code: 'E_TIMEOUT', message: 'The proof took longer than the time limit.', helpId: 'errors/E_TIMEOUT' });
  });
});
