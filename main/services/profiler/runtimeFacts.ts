// The runtime zkdesk itself runs in: what decides whether the proving code gets its fast paths
// (WebAssembly features, worker count) no matter how strong the hardware is.
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { RuntimeFacts } from '../../../common/profiler/systemProfile.js';
import { detectWasmFeatures } from './wasmFeatures.js';
import { detectEmulation, defaultEmulationEnv, type EmulationEnv } from './emulation.js';
import type { BackendReport } from '../../../common/workerProtocol.js';

const WORKER_REPORT_WAIT_MS = 2_000;

type Versions = Partial<Record<'node' | 'v8' | 'electron' | 'chrome', string>>;

export async function collectRuntimeFacts(
  versions: Versions = process.versions as Versions,
  emulationEnv: EmulationEnv = defaultEmulationEnv(),
  // Which prover the workers use, as a worker reports it (the prover service's, or a probe
  // worker's); without one the profile does not guess.
  workerBackend: () => Promise<BackendReport> = () => Promise.reject(new Error('no worker to ask')),
): Promise<RuntimeFacts> {
  // A worker slow to start (a busy machine) costs the prover line, never the whole section.
  const bounded = Promise.race([workerBackend(), delay(WORKER_REPORT_WAIT_MS, null, { ref: false })]).catch(() => null);
  const [emulation, reported] = await Promise.all([detectEmulation(emulationEnv), bounded]);
  return {
    node: versions.node ?? 'unknown',
    v8: versions.v8 ?? 'unknown',
    electron: versions.electron ?? null,
    chrome: versions.chrome ?? null,
    platform: emulationEnv.platform,
    arch: emulationEnv.arch,
    bits: emulation.bits,
    emulated: emulation.emulated,
    emulationEvidence: emulation.evidence,
    wasm: detectWasmFeatures(),
    // What the OS lets this process use (cgroups, affinity), not the cores the box has.
    availableParallelism: os.availableParallelism(),
    // As a worker reported it; absent when no worker could start.
    ...(reported ? { proverBackend: reported.backend, proverBinary: reported.binary, proverReason: reported.reason } : {}),
  };
}
