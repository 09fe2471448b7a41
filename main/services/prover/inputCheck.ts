// Checks a proof's input against the circuit's declared input signals before any worker
// starts, so a typo is named ("hash is missing") instead of surfacing as a witness failure.
import { ZkError } from '../../../common/errors.js';
import type { CircuitInput, SignalValue } from '../../../native-workers/protocol.js';
import type { InputSignal } from './circuitManifest.js';

export const BN128_FIELD_SIZE = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

const integerText = /^-?(0|[1-9][0-9]*)$|^0x[0-9a-fA-F]+$/;

function invalid(signal: string, problem: string): ZkError {
  return new ZkError('E_INPUT_INVALID', `Input signal "${signal}" ${problem}.`, { signal, problem });
}

/** Turns one leaf into the decimal string circom expects, or says what is wrong with it. */
function normaliseLeaf(value: unknown, signal: string): string {
  let parsed: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalid(signal, `is ${value}, which is not a whole number that JSON can carry exactly (write it as a string)`);
    parsed = BigInt(value);
  } else if (typeof value === 'string' && integerText.test(value.trim())) {
    parsed = BigInt(value.trim());
  } else if (typeof value === 'bigint') {
    parsed = value;
  } else {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
    throw invalid(signal, `is ${shown}, not a number`);
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
