// A conservative peak-memory figure for one snarkjs Groth16 proof, from the circuit alone. The
// advisor uses it only when there is no estimate yet (no calibration, no job history); it is
// meant to err high, because its job is to say "this will not fit" before a user waits for a
// proof that the OS then kills.
//
// Where the memory goes in snarkjs's groth16 prove (src/groth16_prove.js, ffjavascript):
//   - the process itself, the bn128 curve and one worker thread per core, each with its own
//     WebAssembly memory: a fixed base plus a per-thread share;
//   - the proving key, read whole, then sliced and copied to the threads for the MSMs: a few
//     times its size;
//   - the A, B, C evaluations over the domain, their inverse and forward FFTs on the shifted
//     domain, and the copies sent to the threads: a dozen-odd field elements (32 B) per row;
//   - the witness (one 32 B element per wire) and its copy into the worker.
//
// Measured here (snarkjs 0.7, Node 20, 2 cores, peak RSS of fullProve): 2^8 109 MiB,
// 2^12 175 MiB, 2^14 206 MiB. This formula gives 193, 200 and 224 MiB for those circuits:
// above every measurement, and rising with the key and domain as real runs do.
import { MiB } from '../profiler/byteUnits.js';
import type { CircuitFacts } from './advisorTypes.js';

/** Node, snarkjs and the curve before any circuit is touched. */
export const PROVER_BASE_BYTES = 128 * MiB;
/** Each ffjavascript worker thread: its own WebAssembly memory and V8 isolate. */
export const PER_THREAD_BYTES = 32 * MiB;
/** The key is held whole and its point sections copied to the threads once more. */
export const ZKEY_COPIES = 3;
/** Field elements per domain row across the A/B/C buffers, their FFTs and the thread copies. */
export const ELEMENTS_PER_DOMAIN_ROW = 16;
/** The witness, and its copy handed to the prover. */
export const ELEMENTS_PER_WIRE = 2;
const FIELD_ELEMENT_BYTES = 32;

export function conservativePeakMemoryBytes(circuit: Pick<CircuitFacts, 'domainPower' | 'wires' | 'zkeyBytes'>, threads: number): number {
  const domainRows = 2 ** circuit.domainPower;
  return (
    PROVER_BASE_BYTES +
    PER_THREAD_BYTES * Math.max(1, threads) +
    ZKEY_COPIES * circuit.zkeyBytes +
    ELEMENTS_PER_DOMAIN_ROW * FIELD_ELEMENT_BYTES * domainRows +
    ELEMENTS_PER_WIRE * FIELD_ELEMENT_BYTES * circuit.wires
  );
}
