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

/** The least a cap may be: Node and the worker's code alone take about this before any proof. */
export const MIN_MEMORY_CAP_MB = 64;

export interface MemoryCapDecision {
  bytes: number;
  /** A cap asked for below the minimum was raised: what was asked, and a sentence saying why. */
  raised: { requestedMb: number; usedMb: number; reason: string } | null;
}

/** Automatic cap: three quarters of physical memory, so one runaway proof cannot take it all. */
export function decideMemoryCap(machine: MachineCapacity, settings: PoolSettings): MemoryCapDecision {
  const requested = settings.workerMemoryCapMb;
  if (requested === null) return { bytes: Math.floor(machine.totalMemoryBytes * 0.75), raised: null };
  if (requested >= MIN_MEMORY_CAP_MB) return { bytes: requested * 1024 * 1024, raised: null };
  return {
    bytes: MIN_MEMORY_CAP_MB * 1024 * 1024,
    raised: {
      requestedMb: requested,
      usedMb: MIN_MEMORY_CAP_MB,
      reason: `The memory cap of ${requested} MB was raised to ${MIN_MEMORY_CAP_MB} MB: a proving worker needs about that much before it starts a proof (Node and its code), so a lower cap would stop every job.`,
    },
  };
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

export interface ProverLimitsDecision {
  limits: ProverLimits;
  /** Set when the memory cap asked for was below the minimum and was raised (see decideMemoryCap). */
  capRaised: MemoryCapDecision['raised'];
}

/** The prover's limits from the settings, with this run's overrides on top. */
export function decideProverLimits(machine: MachineCapacity, settings: ProverSettings, overrides: ProverOverrides = {}): ProverLimitsDecision {
  const pool: PoolSettings = {
    workerCount: overrides.workerCount ?? settings.workerCount,
    workerMemoryCapMb: overrides.workerMemoryCapMb !== undefined ? overrides.workerMemoryCapMb : settings.workerMemoryCapMb,
  };
  const cap = decideMemoryCap(machine, pool);
  return {
    limits: {
      poolSize: decidePoolSize(machine, pool),
      memoryCapBytes: cap.bytes,
      defaultTimeoutMs: overrides.jobTimeoutMs !== undefined ? overrides.jobTimeoutMs : settings.jobTimeoutSec * 1000,
    },
    capRaised: cap.raised,
  };
}
