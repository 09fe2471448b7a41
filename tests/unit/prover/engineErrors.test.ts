// The worker's error mapping, fed the errors the real libraries throw: circom_runtime on the
// bundled Poseidon circuit, a real WebAssembly trap, V8's allocation failures, and snarkjs's
// own messages (copied from its source) for keys it cannot use.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WitnessCalculatorBuilder } from 'circom_runtime';
import { describe, expect, it } from 'vitest';
import { proveError, witnessError } from '../../../native-workers/engineErrors.js';

const buildDir = path.resolve(import.meta.dirname, '../../../resources/circuits/poseidon-preimage/build');

async function thrownBy(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

async function witnessFailure(input: Record<string, unknown>): Promise<unknown> {
  const wc = await WitnessCalculatorBuilder(await readFile(path.join(buildDir, 'circuit.wasm')));
  return thrownBy(() => wc.calculateWTNSBin(input, true));
}

// (module (memory 1) (func (export "f") (result i32) i32.const 70000 i32.load)): reads past its one page.
const outOfBoundsWasm = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x41, 0xf0, 0xa2, 0x04, 0x28, 0x02, 0x00, 0x0b,
]);

describe('witness errors', async () => {
  const sample = JSON.parse(await readFile(path.join(buildDir, 'input.sample.json'), 'utf8')) as Record<string, unknown>;

  it('an input that breaks the circuit assertion is E_CONSTRAINT_UNSATISFIED', async () => {
    expect(witnessError(await witnessFailure({ ...sample, hash: '12345' })).code).toBe('E_CONSTRAINT_UNSATISFIED');
  });

  it('unknown, short and missing signals are E_INPUT_INVALID, naming the signal when circom_runtime does', async () => {
    const unknown = witnessError(await witnessFailure({ ...sample, extra: '1' }));
    expect(unknown).toMatchObject({ code: 'E_INPUT_INVALID', details: { signal: 'extra' } });
    const short = witnessError(await witnessFailure({ ...sample, preimage: ['1'] }));
    expect(short).toMatchObject({ code: 'E_INPUT_INVALID', details: { signal: 'preimage' } });
    const { hash: _hash, ...withoutHash } = sample;
    expect(witnessError(await witnessFailure(withoutHash)).code).toBe('E_INPUT_INVALID');
  });

  it('a WebAssembly trap such as "memory access out of bounds" is not reported as running out of memory', async () => {
    const { instance } = await WebAssembly.instantiate(outOfBoundsWasm);
    const trap = await thrownBy(() => (instance.exports.f as () => number)());
    expect(String(trap)).toMatch(/memory access out of bounds/);
    const mapped = witnessError(trap);
    expect(mapped.code).toBe('E_INTERNAL');
    expect(mapped.details).toMatchObject({ trap: true, stage: 'witness' });
    // circom_runtime rethrows traps from setInputSignal as new Error(err): the name survives only in the text.
    expect(witnessError(new Error(String(trap))).code).toBe('E_INTERNAL');
  });

  it('real allocation failures are E_OUT_OF_MEMORY: V8 array buffers, memory that cannot grow, circom\'s own', async () => {
    const arrayBuffer = await thrownBy(() => new ArrayBuffer(2 ** 40));
    const grow = await thrownBy(() => new WebAssembly.Memory({ initial: 1, maximum: 2 }).grow(5));
    for (const error of [arrayBuffer, grow, new Error('Not enough memory. ')]) {
      expect(witnessError(error).code).toBe('E_OUT_OF_MEMORY');
    }
  });

  it('anything else is E_INTERNAL with the reason kept, not a guess', () => {
    expect(witnessError(new Error('something new in circom_runtime'))).toMatchObject({ code: 'E_INTERNAL', details: { reason: 'something new in circom_runtime' } });
  });
});

describe('prove errors', () => {
  it('a key for another circuit or a damaged key is E_ARTIFACT_CORRUPT', () => {
    expect(proveError(new Error('Invalid witness length. Circuit: 5095, witness: 4099'))).toMatchObject({ code: 'E_ARTIFACT_CORRUPT', message: expect.stringContaining('does not belong') });
    expect(proveError(new Error('circuit.zkey: Missing section 9'))).toMatchObject({ code: 'E_ARTIFACT_CORRUPT', message: expect.stringContaining('damaged') });
  });

  it('an allocation failure is E_OUT_OF_MEMORY; a trap or an unknown failure is E_INTERNAL', async () => {
    expect(proveError(await thrownBy(() => new ArrayBuffer(2 ** 40))).code).toBe('E_OUT_OF_MEMORY');
    expect(proveError(new Error('memory access out of bounds')).code).toBe('E_INTERNAL');
    expect(proveError(new TypeError("Cannot read properties of undefined (reading 'n8')")).code).toBe('E_INTERNAL');
  });
});
