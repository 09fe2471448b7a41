// An input held to the circuit's own wasm, for bare files with no manifest to name their
// inputs: every key must be an input signal with the right number of values, and together
// they must set every input. A missing signal is named when circom's .sym file is found.
import { ZkError } from '../../../common/errors.js';
import type { CircuitInput, SignalValue } from '../../../common/workerProtocol.js';
import type { WasmInterface } from './wasmInterface.js';

function valueCount(value: SignalValue): number {
  return Array.isArray(value) ? value.reduce((sum, item) => sum + valueCount(item), 0) : 1;
}

export async function checkInputAgainstWasm(input: CircuitInput, wasm: WasmInterface, signalNames: () => Promise<string[] | null>): Promise<void> {
  let given = 0;
  for (const [signal, value] of Object.entries(input)) {
    const size = wasm.inputSignalSize(signal);
    if (size < 0) throw new ZkError('E_INPUT_INVALID', `The input has a signal "${signal}" that is not an input of this circuit.`, { signal, problem: 'unknown signal' });
    const count = valueCount(value);
    if (count !== size) {
      throw new ZkError('E_INPUT_INVALID', `The input signal "${signal}" has ${count} value${count === 1 ? '' : 's'} where the circuit takes ${size}.`, { signal, expected: size, given: count });
    }
    given += count;
  }
  if (given >= wasm.inputSize) return;

  const names = await signalNames();
  const missing = (names ?? []).filter((name) => !(name in input) && wasm.inputSignalSize(name) >= 0);
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(', ');
    throw new ZkError('E_INPUT_INVALID', `The input is missing the signal${missing.length === 1 ? '' : 's'} ${list}.`, { signal: missing[0], missing: missing.join(', ') });
  }
  throw new ZkError(
    'E_INPUT_INVALID',
    `The input sets ${given} of the ${wasm.inputSize} values the circuit's inputs take: a signal is missing. ` +
      `Bare circuit files do not name their inputs; put circom's .sym file beside the wasm, or use a circuit package, to have it named.`,
    { givenValues: given, expectedValues: wasm.inputSize, problem: 'missing signal' },
  );
}
