// The runtime zkdesk itself runs in: what decides whether the proving code gets its fast paths
// (WebAssembly features, worker count) no matter how strong the hardware is.
import os from 'node:os';
import type { RuntimeFacts } from '../../../common/profiler/systemProfile.js';
import { detectWasmFeatures } from './wasmFeatures.js';
import { detectEmulation, defaultEmulationEnv, type EmulationEnv } from './emulation.js';
import { machineBackend } from '../../../native-workers/nativeGroth16.js';

type Versions = Partial<Record<'node' | 'v8' | 'electron' | 'chrome', string>>;

export async function collectRuntimeFacts(
  versions: Versions = process.versions as Versions,
  emulationEnv: EmulationEnv = defaultEmulationEnv(),
): Promise<RuntimeFacts> {
  const emulation = await detectEmulation(emulationEnv);
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
    proverBackend: machineBackend(),
  };
}
