// Advice as the services compose it (main/services/advisor/advisorService.ts): a real bundled
// circuit checked through the catalogue, its estimate from a calibration and the job history
// (main/services/prover/proofEstimates.ts), the user's settings, and the version the update
// check offered.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Calibration } from '../../../common/profiler/calibrationTypes.js';
import type { UpdateState } from '../../../common/updates/updateState.js';
import { bundledCircuitsDir } from '../../../node/resourcePaths.js';
import { AdvisorService, offeredVersion } from '../../../main/services/advisor/advisorService.js';
import { CircuitCatalogue } from '../../../main/services/prover/circuitCatalogue.js';
import { JobHistory } from '../../../main/services/prover/jobHistory.js';
import { ProofEstimates } from '../../../main/services/prover/proofEstimates.js';
import { loadProfile } from '../../support/profileFixtures.js';
import { calibration } from '../../support/calibrationFixture.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-advisor-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

function advisor(options: { calibration: Calibration | null; predictedTimeWarnSec: number; update?: UpdateState }): AdvisorService {
  const profile = loadProfile('real-linux-kvm-2core');
  const circuits = new CircuitCatalogue({ circuitsDir: bundledCircuitsDir(), dataDir });
  const estimates = new ProofEstimates({ calibration: async () => options.calibration, history: new JobHistory(dataDir), circuits });
  return new AdvisorService({
    appVersion: '1.0.0',
    profiles: { current: async () => profile, ownProofsDuringLast: false },
    circuits,
    estimates,
    calibration: async () => options.calibration,
    history: new JobHistory(dataDir),
    settings: () => ({ predictedTimeWarnSec: options.predictedTimeWarnSec, workerMemoryCapMb: null }),
    updateState: () => options.update,
  });
}

describe('the advisor service', () => {
  it("warns of a long proof from the calibrated estimate, against the user's own limit", async () => {
    const { circuit, advice, estimate } = await advisor({ calibration, predictedTimeWarnSec: 0.001 }).circuit('stress-12');
    expect(circuit.id).toBe('stress-12');
    expect(advice.circuitId).toBe('stress-12');
    expect(estimate.model).not.toBeNull();
    expect(advice.warnings.map((w) => w.id)).toContain('predicted-time-long');
    const patient = await advisor({ calibration, predictedTimeWarnSec: 3600 }).circuit('stress-12');
    expect(patient.advice.warnings.map((w) => w.id)).not.toContain('predicted-time-long');
  });

  it('makes no time prediction on a machine that was never calibrated', async () => {
    const { advice, estimate } = await advisor({ calibration: null, predictedTimeWarnSec: 0.001 }).circuit('stress-12');
    expect(estimate.model).toBeNull();
    expect(advice.warnings.map((w) => w.id)).not.toContain('predicted-time-long');
  });

  it('says the app is behind only for a newer build the update check offered', async () => {
    const offered: UpdateState = { kind: 'downloaded', version: '2.0.0' };
    const behind = await advisor({ calibration: null, predictedTimeWarnSec: 60, update: offered }).machine();
    expect(behind.warnings.map((w) => w.id)).toContain('app-outdated');
    const current = await advisor({ calibration: null, predictedTimeWarnSec: 60 }).machine();
    expect(current.warnings.map((w) => w.id)).not.toContain('app-outdated');
    expect(offeredVersion({ kind: 'idle' })).toBeUndefined();
    expect(offeredVersion({ kind: 'downloading', version: '2.1.0', percent: 5, bytesPerSecond: 1, transferred: 1, total: 20 })).toBe('2.1.0');
  });
});
