// The profile's runtime section as the CLI collects it: which prover workers use is what a probe
// worker (native-workers/backendProbe.ts) reports, under the same Node launcher the CLI proves with.
import { backendProbeScript } from '../../native-workers/workerScripts.js';
import type { ProfileProbes } from '../services/profiler/profileProbes.js';
import { NodeWorkerLauncher } from '../services/prover/nodeWorkerLauncher.js';
import { askWorkerForBackend } from '../services/prover/workerBackend.js';
import { collectRuntimeFacts } from '../services/profiler/runtimeFacts.js';

export const workerRuntimeProbe: Pick<ProfileProbes, 'runtime'> = {
  runtime: () => collectRuntimeFacts(undefined, undefined, () => askWorkerForBackend(new NodeWorkerLauncher(), backendProbeScript)),
};
