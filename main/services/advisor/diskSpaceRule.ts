// The data directory holds the proving-key cache, logs, job history and support bundles: when
// its disk fills, writes fail (E_DISK_FULL) in the middle of whatever was running.
import { formatBytes, GiB, MiB } from '../../../common/format/byteUnits.js';
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

/** Room for a few cached keys of the larger circuits (2^20 ≈ 500 MB each), logs and a bundle. */
export const LOW_DISK_BYTES = 2 * GiB;
/** A key being cached is written beside the old copy before the swap, so it briefly needs twice its size. */
export const KEY_CACHE_COPIES = 2;
/** Logs, history and a bundle written while proving. */
export const DISK_HEADROOM_BYTES = 256 * MiB;

export function lowDiskSpaceRule(input: AdvisorInput): AdvisorWarning | null {
  const disk = input.profile.disk;
  if (disk.status !== 'ok') return null;
  const forCircuit = input.circuit ? input.circuit.zkeyBytes * KEY_CACHE_COPIES + DISK_HEADROOM_BYTES : 0;
  const threshold = Math.max(LOW_DISK_BYTES, forCircuit);
  if (disk.freeBytes >= threshold) return null;
  return makeWarning('low-disk-space', 'warning', {
    title: 'Little free disk space',
    detail: `Only ${formatBytes(disk.freeBytes)} is free where zkdesk keeps its data; proving keys may not be cached and logs or bundles may fail to write.`,
    evidence: {
      freeBytes: disk.freeBytes,
      totalBytes: disk.totalBytes,
      thresholdBytes: threshold,
      circuitZkeyBytes: input.circuit?.zkeyBytes ?? null,
    },
    fix: 'Free some disk space, or point zkdesk at a data directory on a larger disk (--data-dir).',
  });
}
