import { describe, expect, it } from 'vitest';
import { ZkError } from '../../../common/errors.js';
import { BN128_FIELD_SIZE, checkInput, parseInputText } from '../../../main/services/prover/inputCheck.js';
import type { InputSignal } from '../../../main/services/prover/circuitManifest.js';

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
