// The identity of a machine for calibration: a hash over hardware facts that stay put from one
// day to the next (not load, free memory or driver versions), so calibration reruns when the
// hardware or the runtime's architecture changes and only then. Nothing identifying goes in:
// two identical laptops share a fingerprint, which is exactly right for a speed calibration.
// GPUs stay out: proving runs on the CPU, and a GPU's name depends on whether nvidia-smi
// answered this time (lspci and the driver name the same card differently), so a slow driver
// would otherwise ask for a recalibration that measures nothing new.
import { createHash } from 'node:crypto';
import type { CpuSection, Fingerprint, MemorySection, OsSection } from '../../../common/profiler/systemProfile.js';

const HALF_GIB = 512 * 1024 * 1024;

export interface FingerprintSources {
  cpu: CpuSection;
  memory: MemorySection;
  os: OsSection;
  runtimeArch: string;
}

export function computeFingerprint(sources: FingerprintSources): Fingerprint {
  const { cpu, memory, os } = sources;
  // Built key by key in a fixed order: the hash must not depend on how the sections were read.
  const facts: Fingerprint['facts'] = {
    cpuBrand: cpu.status === 'ok' ? cpu.brand : null,
    physicalCores: cpu.status === 'ok' ? cpu.physicalCores : null,
    logicalCores: cpu.status === 'ok' ? cpu.logicalCores : null,
    totalMemoryBytes: memory.status === 'ok' ? Math.round(memory.totalBytes / HALF_GIB) * HALF_GIB : null,
    platform: os.status === 'ok' ? os.platform : null,
    arch: os.status === 'ok' ? os.arch : null,
    runtimeArch: sources.runtimeArch,
  };
  const sha256 = createHash('sha256').update(JSON.stringify(facts)).digest('hex');
  const complete = [cpu, memory, os].every((s) => s.status === 'ok');
  return { sha256, complete, facts };
}
