// Expected peak resident memory of a worker proving one circuit: the one formula both the
// prover's admission control and the advisor's memory warnings use. snarkjs reads the whole
// proving key and decodes its point sections into working buffers, so the peak follows the
// key's size; on top sit the idle worker (Node and the bn128 curve) and, per ffjavascript
// thread, that thread's WebAssembly memory once a job runs.
//
// Peak RSS of zkdesk's worker measured here (Node 20, 2 cores, `npm run bench`, quiet machine):
//   poseidon-preimage (2^8,  0.13 MB key) 119-124 MB
//   stress-12         (2^12, 1.8 MB key)  175-180 MB
//   stress-14         (2^14, 7.4 MB key)  203-213 MB
//   stress-16         (2^16, 29.5 MB key) 362-380 MB
// The fit, 104 MB + 28 MB per thread + 7 x key, is within 5 % of the three larger ones; the
// result is raised by 10 % because running out of memory is worse than waiting.
import { WORKER_BASELINE_BYTES } from './poolSizing.js';
// Pure (the renderer's type checks reach it through the advisor): the caller says which prover.
import type { ProverBackend } from '../../../common/workerProtocol.js';

export interface MemoryShape {
  wires: number;
  zkeyBytes: number;
}

const MB = 1024 * 1024;
/** Each ffjavascript worker thread's WebAssembly memory while a job runs. */
export const JOB_BYTES_PER_THREAD = 28 * MB;
/** Working copies of the key's sections during MSM and FFT, per byte of key. */
export const KEY_WORKING_FACTOR = 7;
const WITNESS_BYTES_PER_WIRE = 32;
const SAFETY_MARGIN = 1.1;

// With the native prover the worker only computes the witness and verifies (its threads' memory
// stays small), and the prover process holds the key about twice over (read, then parsed) and
// little else. Measured here (worker and prover together): poseidon-preimage 122 MB, stress-12
// 128 MB, merkle-membership 136 MB, stress-14 133-137 MB; the prover alone 4.5, 7.7, 10 and 19 MB.
/** What the worker adds to its idle size while the native prover runs (witness, verification). */
export const NATIVE_WORKER_JOB_BYTES = 20 * MB;
/** The native prover process: its code and libraries, then the key read and parsed. */
export const NATIVE_PROCESS_BYTES = 4 * MB;
export const NATIVE_KEY_FACTOR = 2.5;

export function estimatePeakMemoryBytes(shape: MemoryShape, threads: number, backend: ProverBackend): number {
  const job =
    backend === 'native'
      ? NATIVE_WORKER_JOB_BYTES + NATIVE_PROCESS_BYTES + NATIVE_KEY_FACTOR * shape.zkeyBytes
      : JOB_BYTES_PER_THREAD * Math.max(1, threads) + KEY_WORKING_FACTOR * shape.zkeyBytes;
  return Math.round((WORKER_BASELINE_BYTES + job + WITNESS_BYTES_PER_WIRE * shape.wires) * SAFETY_MARGIN);
}
