// Checks a proof's input against the circuit's declared input signals before any worker
// starts, so a typo is named ("hash is missing") instead of surfacing as a witness failure.
import { ZkError } from '../../../common/errors.js';
import type { CircuitInput, SignalValue } from '../../../common/workerProtocol.js';
import type { InputSignal } from '../../../common/prover/circuitManifest.js';

export const BN128_FIELD_SIZE = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

const integerText = /^-?(0|[1-9][0-9]*)$|^0x[0-9a-fA-F]+$/;

function invalid(signal: string, problem: string): ZkError {
  return new ZkError('E_INPUT_INVALID', `Input signal "${signal}" ${problem}.`, { signal, problem });
}

/**
 * What kind of value a leaf is, in words, without the value itself: inputs are often secrets
 * (a preimage, a mnemonic), and this sentence reaches the terminal, the log, the job history
 * and diagnostics bundles.
 */
function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const length = [...value].length;
    if (length === 0) return 'an empty string';
    if (value.trim() === '') return 'a string of only spaces';
    return `a string of ${length} character${length === 1 ? '' : 's'}`;
  }
  if (typeof value === 'boolean') return 'true or false';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return `an ${typeof value === 'object' ? 'object' : typeof value}`;
}

function numberProblem(value: number): string {
  if (!Number.isFinite(value)) return 'is not a finite number';
  if (!Number.isInteger(value)) return 'is a fraction, not a whole number';
  return 'is a number too large for JSON to carry exactly (write it as a string of digits)';
}

/** Turns one leaf into the decimal string circom expects, or says what is wrong with it (never what it is). */
function normaliseLeaf(value: unknown, signal: string): string {
  let parsed: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalid(signal, numberProblem(value));
    parsed = BigInt(value);
  } else if (typeof value === 'string' && integerText.test(value.trim())) {
    parsed = BigInt(value.trim());
  } else if (typeof value === 'bigint') {
    parsed = value;
  } else {
    throw invalid(signal, `is ${describeKind(value)}, not a number`);
  }
  if (parsed >= BN128_FIELD_SIZE || parsed <= -BN128_FIELD_SIZE) throw invalid(signal, 'is larger than the bn128 field');
  return parsed.toString();
}

function normaliseValue(value: unknown, dims: number[], signal: string): SignalValue {
  if (dims.length === 0) {
    // circom accepts [x] for a scalar; keep that leniency.
    if (Array.isArray(value) && value.length === 1) return normaliseLeaf(value[0], signal);
    if (Array.isArray(value)) throw invalid(signal, `should be a single number, not a list of ${value.length}`);
    return normaliseLeaf(value, signal);
  }
  const [length, ...rest] = dims as [number, ...number[]];
  if (!Array.isArray(value)) throw invalid(signal, `should be a list of ${length}`);
  if (value.length !== length) throw invalid(signal, `has ${value.length} values where the circuit takes ${length}`);
  return value.map((item, i) => normaliseValue(item, rest, `${signal}[${i}]`));
}

/**
 * Validates and normalises an input. With `signals` (from a manifest) every declared signal
 * must be present with its shape and no other key may appear; without (a bare wasm + zkey)
 * only the values are checked and the witness calculator names any missing signal.
 */
export function checkInput(input: unknown, signals: InputSignal[] | null): CircuitInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ZkError('E_INPUT_INVALID', 'The input must be a JSON object mapping signal names to values.', { problem: 'not an object' });
  }
  const record = input as Record<string, unknown>;
  const result: CircuitInput = {};
  if (!signals) {
    for (const [name, value] of Object.entries(record)) {
      result[name] = Array.isArray(value) ? normaliseLoose(value, name) : normaliseLeaf(value, name);
    }
    return result;
  }
  for (const signal of signals) {
    if (!Object.hasOwn(record, signal.name)) throw invalid(signal.name, 'is missing');
    result[signal.name] = normaliseValue(record[signal.name], signal.dims, signal.name);
  }
  const known = new Set(signals.map((s) => s.name));
  const extra = Object.keys(record).find((name) => !known.has(name));
  if (extra !== undefined) throw invalid(extra, 'is not an input of this circuit');
  return result;
}

function normaliseLoose(values: unknown[], signal: string): SignalValue {
  return values.map((item, i) => (Array.isArray(item) ? normaliseLoose(item, `${signal}[${i}]`) : normaliseLeaf(item, `${signal}[${i}]`)));
}

/** Parses input text (a file's contents), turning a JSON syntax error into E_INPUT_MALFORMED. */
export function parseInputText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZkError('E_INPUT_MALFORMED', `The input file is not valid JSON (${reason}).`, { source, reason }, { cause: error });
  }
}
