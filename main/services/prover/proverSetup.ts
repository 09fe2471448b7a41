// Builds the prover service the way every host (Electron app, CLI, headless host) wants it:
// pool sized to this machine and the settings, history in the data directory.
import os from 'node:os';
import { proverWorkerScript } from '../../../native-workers/workerScripts.js';
import { JobHistory } from './jobHistory.js';
import { decideMemoryCapBytes, decidePoolSize, type PoolSettings } from './poolSizing.js';
import { ProverService } from './proverService.js';
import type { WorkerLauncher } from './workerLauncher.js';

export interface ProverSetup {
  dataDir: string;
  launcher: WorkerLauncher;
  pool?: Partial<PoolSettings>;
  jobTimeoutMs?: number | null;
  onWorkerLog?: ConstructorParameters<typeof ProverService>[0]['onWorkerLog'];
}

export function createProverService(setup: ProverSetup): ProverService {
  const machine = { logicalCores: os.availableParallelism(), totalMemoryBytes: os.totalmem() };
  const pool: PoolSettings = { workerCount: 'auto', workerMemoryCapMb: null, ...setup.pool };
  return new ProverService({
    launcher: setup.launcher,
    workerScript: proverWorkerScript,
    history: new JobHistory(setup.dataDir),
    poolSize: decidePoolSize(machine, pool),
    memoryCapBytes: decideMemoryCapBytes(machine, pool),
    availableMemory: () => os.freemem(),
    defaultTimeoutMs: setup.jobTimeoutMs ?? null,
    onWorkerLog: setup.onWorkerLog,
  });
}
