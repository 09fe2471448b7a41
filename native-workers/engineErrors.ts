// What a failure inside the worker means for the user, from the messages circom_runtime and
// snarkjs throw. Only messages we recognise get a specific code: guessing from a word like
// "memory" misreads a WebAssembly trap ("memory access out of bounds") as running out of it.
import { ZkError } from '../common/errors.js';

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error);
}

// A real allocation failure: circom's own "Not enough memory" (its exception code 5), V8's
// ArrayBuffer and heap failures, and WebAssembly memory that cannot grow.
const outOfMemory = /Not enough memory|out of memory|Array buffer allocation failed|Reached heap limit|Cannot allocate|Maximum memory size exceeded|WebAssembly\.Memory(?:\.grow)?\(\): could not allocate/i;

// circom_runtime's messages about the input's shape (names, counts, repeated signals).
const inputShape = /Signal \S+ not found|is not an input of the circuit|Too many values for input signal|Not enough values for input signal|Not all inputs have been set|Too many signals set|Signal already set|Input signal array access exceeds the size/;

// The circuit's own checks: an assert, or a constraint `a === b` whose sides differ.
const unsatisfied = /Assert Failed|\d+ != \d+/;

// snarkjs refusing the key's layout, or a key that belongs to another circuit.
const foreignKey = /Invalid witness length|Curve of the witness does not match/;
const damagedKey = /Invalid File format|Version not supported|Missing section|Section Duplicated|Invalid section size|Reading out of the range of the section|zkey file is not groth16|Protocol not supported/;

// circom_runtime rethrows a trap inside setInputSignal as `new Error(err)`: the name is then only in the text.
const wasmTrap = /^RuntimeError: |memory access out of bounds|unreachable|divide by zero|integer overflow|table index is out of bounds/;

function isWasmTrap(error: unknown, reason: string): boolean {
  return (error instanceof Error && error.name === 'RuntimeError') || wasmTrap.test(reason);
}

/** Maps circom_runtime's witness errors to what the user did wrong, or to E_INTERNAL when we cannot tell. */
export function witnessError(error: unknown): ZkError {
  const reason = reasonOf(error);
  if (unsatisfied.test(reason)) return new ZkError('E_CONSTRAINT_UNSATISFIED', undefined, { reason }, { cause: error });
  if (inputShape.test(reason)) {
    const signal = /(?:Signal|input signal) ([^\s.]+)/.exec(reason)?.[1];
    const message = signal ? `The input does not match the circuit at signal "${signal}".` : undefined;
    return new ZkError('E_INPUT_INVALID', message, { reason, signal }, { cause: error });
  }
  if (outOfMemory.test(reason)) return new ZkError('E_OUT_OF_MEMORY', undefined, { reason, stage: 'witness' }, { cause: error });
  if (isWasmTrap(error, reason)) {
    return new ZkError('E_INTERNAL', `The circuit's witness code stopped with a WebAssembly trap (${reason}): the circuit wasm is faulty for this input.`, { reason, stage: 'witness', trap: true }, { cause: error });
  }
  return new ZkError('E_INTERNAL', 'Computing the witness failed for a reason zkdesk does not recognise.', { reason, stage: 'witness' }, { cause: error });
}

/** Maps groth16.prove's errors: a key for another circuit, a damaged key, memory, or unknown. */
export function proveError(error: unknown): ZkError {
  const reason = reasonOf(error);
  if (foreignKey.test(reason)) return new ZkError('E_ARTIFACT_CORRUPT', 'The proving key does not belong to this circuit.', { file: 'proving key', reason }, { cause: error });
  if (damagedKey.test(reason)) return new ZkError('E_ARTIFACT_CORRUPT', 'The proving key could not be read: it is damaged.', { file: 'proving key', reason }, { cause: error });
  if (outOfMemory.test(reason)) return new ZkError('E_OUT_OF_MEMORY', undefined, { reason, stage: 'prove' }, { cause: error });
  return new ZkError('E_INTERNAL', 'The Groth16 prover failed for a reason zkdesk does not recognise.', { reason, stage: 'prove' }, { cause: error });
}
