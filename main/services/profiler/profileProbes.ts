// The questions the profiler asks the machine, one function per section. The collector takes
// them as an argument so a test can hand it a probe that hangs or fails; by default they are
// answered by real systeminformation, nvidia-smi, fs.statfs and the running process.
import os from 'node:os';
import si from 'systeminformation';
import type {
  CpuFacts,
  DiskFacts,
  GpuFacts,
  LoadFacts,
  MemoryFacts,
  OsFacts,
  PowerFacts,
  RuntimeFacts,
  SystemFacts,
} from '../../../common/profiler/systemProfile.js';
import {
  cpuFactsFrom,
  gpuFactsFrom,
  loadFactsFrom,
  memoryFactsFrom,
  osFactsFrom,
  powerFactsFrom,
  systemFactsFrom,
} from './systeminformationFacts.js';
import { probeNvidiaSmi } from './nvidiaSmiProbe.js';
import { graphicsInThread } from './graphicsInThread.js';
import { diskFactsFor } from './diskSpace.js';
import { collectRuntimeFacts } from './runtimeFacts.js';

export interface ProfileProbes {
  cpu(): Promise<CpuFacts>;
  memory(): Promise<MemoryFacts>;
  gpu(): Promise<GpuFacts>;
  os(): Promise<OsFacts>;
  system(): Promise<SystemFacts>;
  power(): Promise<PowerFacts>;
  load(): Promise<LoadFacts>;
  disk(dataDir: string): Promise<DiskFacts>;
  runtime(): Promise<RuntimeFacts>;
}

export type SectionName = keyof ProfileProbes;

/**
 * Both GPU sources answer within this, so the section (2.5 s) still comes back with whichever
 * of them did when the other hangs.
 */
const GPU_SOURCE_LIMIT_MS = 2_000;

/** Long enough to average out a scheduler tick, short enough for a snappy profile. */
const LOAD_SAMPLE_MS = 500;
let loadPrimed = false;

/**
 * systeminformation's currentLoad measures since its previous call: a fixed 500 ms window the
 * first time, hours in a long-running app after that. Priming it just before sampling keeps
 * "current" meaning the last half second, on every call.
 */
async function sampleCurrentLoad(): Promise<Awaited<ReturnType<typeof si.currentLoad>>> {
  if (!loadPrimed) {
    loadPrimed = true;
    return si.currentLoad();
  }
  await si.currentLoad();
  await new Promise((resolve) => setTimeout(resolve, LOAD_SAMPLE_MS));
  return si.currentLoad();
}

export const systeminformationProbes: ProfileProbes = {
  cpu: async () => cpuFactsFrom(await si.cpu()),
  memory: async () => memoryFactsFrom(await si.mem()),
  gpu: async () => {
    // Either source alone still gives a GPU list; only both failing loses the section.
    const [graphics, nvidia] = await Promise.allSettled([
      graphicsInThread(GPU_SOURCE_LIMIT_MS),
      probeNvidiaSmi(undefined, GPU_SOURCE_LIMIT_MS),
    ]);
    if (graphics.status === 'rejected' && nvidia.status === 'rejected') throw graphics.reason;
    const nvidiaResult =
      nvidia.status === 'fulfilled'
        ? nvidia.value
        : { status: 'unavailable' as const, reason: String(nvidia.reason) };
    return gpuFactsFrom(graphics.status === 'fulfilled' ? graphics.value : null, nvidiaResult);
  },
  os: async () => osFactsFrom(await si.osInfo()),
  system: async () => systemFactsFrom(await si.system()),
  power: async () => powerFactsFrom(await si.battery()),
  load: async () => loadFactsFrom(await sampleCurrentLoad(), os.loadavg()[0] ?? 0),
  disk: (dataDir) => diskFactsFor(dataDir),
  runtime: () => collectRuntimeFacts(),
};
