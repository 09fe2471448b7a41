// Will this circuit's proof fit in memory? A blocker when it cannot fit even on an idle
// machine (the OS kills the worker and the user has waited for nothing), a warning when it
// fits the machine but not what is free right now.
import { formatBytes, GiB } from '../../../common/format/byteUnits.js';
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';
import { estimatePeakMemoryBytes } from '../prover/memoryEstimate.js';

/** The OS, the desktop and zkdesk's own window keep about this share of RAM whatever we do. */
export const USABLE_SHARE_OF_TOTAL = 0.85;
/** A 32-bit process cannot map more than about 2 GiB on Windows and Linux, whatever the RAM. */
export const THIRTY_TWO_BIT_ADDRESS_LIMIT_BYTES = 2 * GiB;

function usableLimit(input: AdvisorInput, totalBytes: number): { bytes: number; limitedBy: string } {
  let bytes = Math.floor(totalBytes * USABLE_SHARE_OF_TOTAL);
  let limitedBy = 'installed memory';
  const runtime = input.profile.runtime;
  if (runtime.status === 'ok' && runtime.bits === 32 && THIRTY_TWO_BIT_ADDRESS_LIMIT_BYTES < bytes) {
    bytes = THIRTY_TWO_BIT_ADDRESS_LIMIT_BYTES;
    limitedBy = '32-bit runtime';
  }
  const cap = input.settings.workerMemoryCapMb;
  if (typeof cap === 'number' && cap * 1024 * 1024 < bytes) {
    bytes = cap * 1024 * 1024;
    limitedBy = 'worker memory cap setting';
  }
  return { bytes, limitedBy };
}

export function circuitMemoryRule(input: AdvisorInput): AdvisorWarning | null {
  const { circuit, profile } = input;
  if (!circuit || profile.memory.status !== 'ok') return null;
  const threads = profile.runtime.status === 'ok' ? profile.runtime.availableParallelism : profile.cpu.status === 'ok' ? profile.cpu.logicalCores : 1;
  const fromEstimate = input.estimate !== undefined;
  // Without an estimate (which knows this machine's prover), assume the one that needs more: snarkjs.
  const needBytes = input.estimate?.peakMemoryBytes ?? estimatePeakMemoryBytes(circuit, threads, 'snarkjs');
  const usable = usableLimit(input, profile.memory.totalBytes);
  const evidence = {
    circuitId: circuit.id,
    needBytes,
    needSource: fromEstimate ? 'estimate' : 'formula from the proving key size',
    usableBytes: usable.bytes,
    limitedBy: usable.limitedBy,
    totalBytes: profile.memory.totalBytes,
    availableBytes: profile.memory.availableBytes,
  };
  if (needBytes > usable.bytes) {
    return makeWarning('memory-insufficient-for-circuit', 'blocker', {
      title: `Not enough memory for ${circuit.title}`,
      detail:
        `A proof of ${circuit.title} needs about ${formatBytes(needBytes)}, but at most ${formatBytes(usable.bytes)} ` +
        `can be used here (limited by the ${usable.limitedBy}). The proof would be stopped when memory runs out.`,
      evidence,
      fix:
        usable.limitedBy === 'worker memory cap setting'
          ? 'Raise the worker memory cap in Settings, or choose a smaller circuit.'
          : 'Use a machine with more memory (or a 64-bit build), or choose a smaller circuit.',
    });
  }
  if (needBytes > profile.memory.availableBytes) {
    return makeWarning('memory-tight-for-circuit', 'warning', {
      title: `Memory is tight for ${circuit.title}`,
      detail:
        `A proof of ${circuit.title} needs about ${formatBytes(needBytes)} and only ${formatBytes(profile.memory.availableBytes)} ` +
        'is free right now: the machine will swap, and the proof may be slow or stopped.',
      evidence,
      fix: 'Close other applications before proving, then check again.',
    });
  }
  return null;
}
