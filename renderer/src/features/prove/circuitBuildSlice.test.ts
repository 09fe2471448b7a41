import { describe, expect, it } from 'vitest';
import type { CircuitBuildState } from '../../../../common/prover/circuitBuild.js';
import { circuitBuildStepLabels, circuitBuildSteps } from '../../../../common/prover/circuitBuild.js';
import type { CircuitSummary } from '../../../../preload/contract.js';
import { ZkError } from '../../../../common/errors.js';
import { testHost } from '../../testing/testHost.js';
import { useAppStore } from '../../stores/appStore.js';

function build(state: CircuitBuildState['state']): CircuitBuildState {
  return {
    circuitId: 'stress-16',
    state,
    steps: circuitBuildSteps.map((step) => ({ step, label: circuitBuildStepLabels[step], state: state === 'built' ? 'done' : 'waiting', ms: null })),
    startedAt: '2026-12-05T09:00:00.000Z',
    error: null,
  };
}

describe('circuit build slice', () => {
  it('a build that finished before the start was answered stays finished, and the list is read again so the circuit can be chosen', async () => {
    const built = { id: 'stress-16', title: 'Stress 2^16', built: true } as CircuitSummary;
    testHost.answer({
      // A fast build: its last event arrives while the start's answer (still running) is on its way.
      'circuits.build': () => {
        useAppStore.getState().receiveCircuitBuild(build('built'));
        return build('running');
      },
      'circuits.list': () => [built],
    });
    await useAppStore.getState().startCircuitBuild('stress-16');
    expect(useAppStore.getState().circuitBuilds['stress-16']?.state).toBe('built');
    await Promise.resolve();
    expect(testHost.calls.some((c) => c.method === 'circuits.list')).toBe(true);
  });

  it('a refused start is shown beside the circuits, with its code', async () => {
    testHost.answer({
      'circuits.build': () => {
        throw new ZkError('E_CIRCUIT_NOT_BUILT', 'No prepared powers-of-tau file of power 16 or more was found.');
      },
    });
    await useAppStore.getState().startCircuitBuild('stress-16');
    expect(useAppStore.getState().buildError?.code).toBe('E_CIRCUIT_NOT_BUILT');
  });
});
