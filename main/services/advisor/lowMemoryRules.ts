// Memory pressure on the machine, whatever the circuit: little memory free, or swap in heavy use.
// Both make every proof slower (the MSMs walk the whole key; a swapped-out key is read from disk).
import { formatBytes, GiB, MiB } from '../../../common/format/byteUnits.js';
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

/**
 * Below this much free memory even the small bundled circuits (about 200 MiB a proof, measured)
 * compete with zkdesk's own window and the OS for what is left.
 */
export const LOW_AVAILABLE_MEMORY_BYTES = 1 * GiB;
/** Swap in use above this share of RAM means the machine is already paging working sets out. */
export const HEAVY_SWAP_SHARE_OF_RAM = 0.25;
/** Below this, swap use is old idle pages parked long ago: normal on every desktop OS. */
export const HEAVY_SWAP_MIN_BYTES = 512 * MiB;

export function lowAvailableMemoryRule(input: AdvisorInput): AdvisorWarning | null {
  const memory = input.profile.memory;
  if (memory.status !== 'ok' || memory.availableBytes >= LOW_AVAILABLE_MEMORY_BYTES) return null;
  return makeWarning('low-available-memory', 'warning', {
    title: 'Little free memory',
    detail: `Only ${formatBytes(memory.availableBytes)} of ${formatBytes(memory.totalBytes)} is free. Proofs will be slower and larger circuits may not run.`,
    evidence: { availableBytes: memory.availableBytes, totalBytes: memory.totalBytes, thresholdBytes: LOW_AVAILABLE_MEMORY_BYTES },
    fix: 'Close applications you are not using, then check again.',
  });
}

export function heavySwapRule(input: AdvisorInput): AdvisorWarning | null {
  const memory = input.profile.memory;
  if (memory.status !== 'ok') return null;
  const threshold = Math.max(HEAVY_SWAP_MIN_BYTES, memory.totalBytes * HEAVY_SWAP_SHARE_OF_RAM);
  if (memory.swapUsedBytes <= threshold) return null;
  return makeWarning('heavy-swap', 'warning', {
    title: 'The machine is swapping heavily',
    detail: `${formatBytes(memory.swapUsedBytes)} of swap is in use (${formatBytes(memory.swapTotalBytes)} in all, ${formatBytes(memory.totalBytes)} of RAM). Proving on a machine that pages memory to disk can be many times slower.`,
    evidence: {
      swapUsedBytes: memory.swapUsedBytes,
      swapTotalBytes: memory.swapTotalBytes,
      totalBytes: memory.totalBytes,
      thresholdBytes: Math.round(threshold),
    },
    fix: 'Close memory-hungry applications, or restart the machine, before proving.',
  });
}
