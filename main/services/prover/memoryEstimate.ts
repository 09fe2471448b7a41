// Expected peak resident memory of a worker proving one circuit, used for admission control
// (how many proofs may run at once). snarkjs reads the whole proving key and decodes its
// point sections into working buffers, so the peak follows the key's size; on top sits a
// fixed cost per busy worker (Node, the bn128 curve, its per-core threads' wasm memory).
// Measured here (Node 20, 2 cores): idle worker 102 MB; stress-12 (1.9 MB key) 165-176 MB;
// stress-14 (7.7 MB key) 203-213 MB. The fit below, 160 MB + 6 x key, is within 5 % of both
// and rounded up by 10 % because running out is worse than waiting.
import { WORKER_BASELINE_BYTES } from './poolSizing.js';

export interface MemoryShape {
  wires: number;
  zkeyBytes: number;
}

const MB = 1024 * 1024;
/** What a worker adds when it starts a job, whatever the circuit: ffjavascript's thread memory. */
export const JOB_OVERHEAD_BYTES = 56 * MB;
/** Working copies of the key's sections during MSM and FFT, per byte of key. */
export const KEY_WORKING_FACTOR = 6;
const WITNESS_BYTES_PER_WIRE = 32;
const SAFETY_MARGIN = 1.1;

export function estimatePeakMemoryBytes(shape: MemoryShape): number {
  const bytes = WORKER_BASELINE_BYTES + JOB_OVERHEAD_BYTES + KEY_WORKING_FACTOR * shape.zkeyBytes + WITNESS_BYTES_PER_WIRE * shape.wires;
  return Math.round(bytes * SAFETY_MARGIN);
}
