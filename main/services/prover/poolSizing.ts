// How many workers, and how much memory each may use, from the machine and the settings.
// ffjavascript already spreads one proof's MSM and FFT over every core, so extra workers
// mostly overlap the single-threaded witness stage with another job's proving: one worker
// per two cores, never more than memory allows.
import type { ProverLimits } from './proverService.js';

export interface MachineCapacity {
  logicalCores: number;
  totalMemoryBytes: number;
}

export interface PoolSettings {
  /** 'auto' or a fixed count. */
  workerCount: 'auto' | number;
  /** null: automatic. */
  workerMemoryCapMb: number | null;
}

export const MAX_WORKERS = 8;
/** A worker with a warm curve and no job holds about this much. */
export const WORKER_BASELINE_BYTES = 104 * 1024 * 1024;

export function decidePoolSize(machine: MachineCapacity, settings: PoolSettings): number {
  if (settings.workerCount !== 'auto') return Math.min(MAX_WORKERS, Math.max(1, Math.floor(settings.workerCount)));
  const byCores = Math.floor(machine.logicalCores / 2);
  // Leave half the memory to the OS and other apps; each worker needs at least 1 GiB to be useful.
  const byMemory = Math.floor(machine.totalMemoryBytes / 2 / (1024 * 1024 * 1024));
  return Math.max(1, Math.min(MAX_WORKERS, byCores, byMemory));
}

/** Automatic cap: three quarters of physical memory, so one runaway proof cannot take it all. */
export function decideMemoryCapBytes(machine: MachineCapacity, settings: PoolSettings): number {
  if (settings.workerMemoryCapMb !== null) return Math.max(64, settings.workerMemoryCapMb) * 1024 * 1024;
  return Math.floor(machine.totalMemoryBytes * 0.75);
}

/** What the settings say about the prover, and one run's overrides of them (the CLI's --workers, --memory-cap, --timeout). */
export interface ProverSettings extends PoolSettings {
  jobTimeoutSec: number;
}
export interface ProverOverrides {
  workerCount?: number;
  workerMemoryCapMb?: number | null;
  jobTimeoutMs?: number | null;
}

/** The prover's limits from the settings, with this run's overrides on top. */
export function decideProverLimits(machine: MachineCapacity, settings: ProverSettings, overrides: ProverOverrides = {}): ProverLimits {
  const pool: PoolSettings = {
    workerCount: overrides.workerCount ?? settings.workerCount,
    workerMemoryCapMb: overrides.workerMemoryCapMb !== undefined ? overrides.workerMemoryCapMb : settings.workerMemoryCapMb,
  };
  return {
    poolSize: decidePoolSize(machine, pool),
    memoryCapBytes: decideMemoryCapBytes(machine, pool),
    defaultTimeoutMs: overrides.jobTimeoutMs !== undefined ? overrides.jobTimeoutMs : settings.jobTimeoutSec * 1000,
  };
}
