// A profile measured while zkdesk's own proof runs: that CPU load is ours, not "other work".
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZkdeskServices } from '../../../main/api/zkdeskServices.js';
import { HIGH_CPU_LOAD_PERCENT } from '../../../main/services/advisor/cpuLoadRule.js';
import { NodeWorkerLauncher } from '../../../main/services/prover/nodeWorkerLauncher.js';
import { releaseCurve, sampleInput, waitFor } from '../../support/proverHarness.js';

let dataDir: string;
let services: ZkdeskServices;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-own-load-'));
  services = await ZkdeskServices.open({ dataDir, launcher: new NodeWorkerLauncher(), appVersion: '0.1.0-test', processName: 'host' });
});

afterAll(async () => {
  await services.close();
  await releaseCurve();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the busy-CPU warning', () => {
  it('is not raised by the load of our own proof', async () => {
    const circuit = await services.resolveCircuit('stress-14');
    const handle = await services.prover.submit({ circuit, input: await sampleInput('stress-14') });
    await waitFor(() => services.prover.jobs().some((j) => j.jobId === handle.jobId && j.stage === 'prove'));
    const profile = await services.profile({ fresh: true });
    const advice = await services.adviseMachine();
    await handle.result;
    // The machine did read as busy (our proof keeps every core working)…
    expect(profile.load.status === 'ok' ? profile.load.currentLoadPct : 0).toBeGreaterThan(HIGH_CPU_LOAD_PERCENT);
    // …and the warning that would blame other programs for it is not raised.
    expect(advice.warnings.map((w) => w.id)).not.toContain('high-cpu-load');
  });
});
