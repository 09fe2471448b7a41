import { describe, expect, it } from 'vitest';
import { ZkError } from '../../../common/errors.js';
import { BN128_FIELD_SIZE, checkInput, parseInputText } from '../../../main/services/prover/inputCheck.js';
import type { InputSignal } from '../../../common/prover/circuitManifest.js';

const signals: InputSignal[] = [
  { name: 'secret', dims: [], public: false },
  { name: 'path', dims: [2, 2], public: false },
  { name: 'root', dims: [], public: true },
];

function failure(fn: () => unknown): ZkError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ZkError) return error;
    throw error;
  }
  throw new Error('expected a ZkError');
}

describe('checkInput', () => {
  it('accepts decimal strings, safe integers and hex, and normalises to decimal strings', () => {
    const input = checkInput({ secret: 5, path: [['0x10', '2'], ['3', 4]], root: '123' }, signals);
    expect(input).toEqual({ secret: '5', path: [['16', '2'], ['3', '4']], root: '123' });
  });

  it('names a missing signal', () => {
    const error = failure(() => checkInput({ secret: 1, path: [[1, 2], [3, 4]] }, signals));
    expect(error.code).toBe('E_INPUT_INVALID');
    expect(error.message).toContain('"root" is missing');
  });

  it('names the exact element that is not a number', () => {
    const error = failure(() => checkInput({ secret: 1, path: [[1, 2], [3, 'x']], root: 1 }, signals));
    expect(error.code).toBe('E_INPUT_INVALID');
    expect(error.details.signal).toBe('path[1][1]');
  });

  it('refuses the wrong shape, unknown signals, fractions and values beyond the field', () => {
    expect(failure(() => checkInput({ secret: 1, path: [[1, 2]], root: 1 }, signals)).message).toContain('has 1 values where the circuit takes 2');
    expect(failure(() => checkInput({ secret: 1, path: [[1, 2], [3, 4]], root: 1, extra: 1 }, signals)).message).toContain('"extra" is not an input');
    expect(failure(() => checkInput({ secret: 1.5, path: [[1, 2], [3, 4]], root: 1 }, signals)).details.signal).toBe('secret');
    expect(failure(() => checkInput({ secret: BN128_FIELD_SIZE.toString(), path: [[1, 2], [3, 4]], root: 1 }, signals)).message).toContain('larger than the bn128 field');
    expect(failure(() => checkInput([1, 2], signals)).code).toBe('E_INPUT_INVALID');
  });

  it('says what kind of value is wrong without ever echoing it (inputs are often secrets)', () => {
    const secret = 'my-secret-mnemonic abandon ability';
    const poseidon: InputSignal[] = [
      { name: 'hash', dims: [], public: true },
      { name: 'preimage', dims: [2], public: false },
    ];
    const error = failure(() => checkInput({ hash: '1', preimage: [secret, '2'] }, poseidon));
    expect(error.message).toBe('Input signal "preimage[0]" is a string of 34 characters, not a number.');
    const cases: Array<[unknown, string, string]> = [
      [1e300, 'is a number too large for JSON to carry exactly', '1e+300'],
      [123456789012345680000, 'too large', '12345678901234568'],
      [0.123456789, 'is a fraction', '123456789'],
      ['0.75', 'a string of 4 characters', '0.75'],
      [{ pw: 'hunter2' }, 'is an object', 'hunter2'],
      [true, 'is true or false', 'is true,'],
      [null, 'is null', 'is "null"'],
    ];
    for (const [value, says, leaked] of cases) {
      const e = failure(() => checkInput({ hash: '1', preimage: [value, '2'] }, poseidon));
      expect(e.message).toContain(says);
      expect(JSON.stringify(e.toPayload())).not.toContain(leaked);
    }
    // Without a manifest too.
    expect(JSON.stringify(failure(() => checkInput({ a: [secret] }, null)).toPayload())).not.toContain('mnemonic');
  });

  it('without a manifest, still checks every value', () => {
    expect(checkInput({ a: ['1', 2] }, null)).toEqual({ a: ['1', '2'] });
    expect(failure(() => checkInput({ a: ['1', 'two'] }, null)).details.signal).toBe('a[1]');
  });
});

describe('parseInputText', () => {
  it('turns a JSON syntax error into E_INPUT_MALFORMED', () => {
    const error = failure(() => parseInputText('{"a": ', 'input.json'));
    expect(error.code).toBe('E_INPUT_MALFORMED');
    expect(error.helpId).toBe('errors/E_INPUT_MALFORMED');
  });
});
