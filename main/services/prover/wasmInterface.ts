// What a circom 2 witness wasm says about its circuit without running it: how many wires its
// witness has and which input signals it takes (by the FNV hash of their names, the way
// circom_runtime sets them). Bare --wasm/--zkey files have no manifest, so this is how main
// refuses a key of another circuit or an input with a wrong or missing signal before any
// worker starts. The wasm carries no signal names: those come from circom's .sym file when
// one sits where circom writes it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface WasmInterface {
  /** Wires in the witness: must equal the proving key's nVars. */
  witnessSize: number;
  /** Field elements over all input signals together. */
  inputSize: number;
  /** Field elements of one input signal, or -1 when the name is not an input. */
  inputSignalSize(name: string): number;
}

interface Circom2Exports {
  getVersion(): number;
  getWitnessSize(): number;
  getInputSize(): number;
  getInputSignalSize(hashMsb: number, hashLsb: number): number;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const U64 = (1n << 64n) - 1n;

/** circom's 64-bit FNV-1a of a signal name, split as its setInputSignal expects. */
export function signalHash(name: string): [msb: number, lsb: number] {
  let hash = FNV_OFFSET;
  for (let i = 0; i < name.length; i++) {
    hash ^= BigInt(name.charCodeAt(i));
    hash = (hash * FNV_PRIME) & U64;
  }
  return [Number(hash >> 32n), Number(hash & 0xffffffffn)];
}

type Exports = Record<string, unknown>;
// Node's types (no DOM lib here) declare WebAssembly.compile but not instantiate.
const wasmApi = WebAssembly as unknown as {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, Record<string, unknown>>): Promise<{ exports: Exports }>;
};

function isCircom2(exports: Exports): exports is Exports & Circom2Exports {
  return ['getVersion', 'getWitnessSize', 'getInputSize', 'getInputSignalSize'].every((name) => typeof exports[name] === 'function');
}

/** Reads the interface, or null for a wasm that is not circom 2's (then the worker's checks stand alone). */
export async function readWasmInterface(bytes: Uint8Array): Promise<WasmInterface | null> {
  const module = await wasmApi.compile(bytes);
  const noop = (): void => {};
  const { exports } = await wasmApi.instantiate(module, {
    runtime: {
      exceptionHandler: (code: number) => {
        throw new Error(`circom runtime exception ${code}`);
      },
      printErrorMessage: noop,
      writeBufferMessage: noop,
      showSharedRWMemory: noop,
    },
  });
  if (!isCircom2(exports) || exports.getVersion() !== 2) return null;
  return {
    witnessSize: exports.getWitnessSize(),
    inputSize: exports.getInputSize(),
    // circom 2.2 answers 0 for a name it does not know (older ones -1): no input has 0 values.
    inputSignalSize: (name) => {
      const size = exports.getInputSignalSize(...signalHash(name));
      return size > 0 ? size : -1;
    },
  };
}

/** Where circom puts the .sym of `<dir>/<name>_js/<name>.wasm`, and beside the wasm itself. */
export function symCandidates(wasmPath: string): string[] {
  const dir = path.dirname(wasmPath);
  const base = path.basename(wasmPath, '.wasm');
  const candidates = [path.join(dir, `${base}.sym`)];
  if (path.basename(dir) === `${base}_js`) candidates.push(path.join(path.dirname(dir), `${base}.sym`));
  return candidates;
}

const MAIN_SIGNAL = /,main\.([A-Za-z_$][\w$]*)(?:\[\d+\])*$/;

/** The main component's signal names in a .sym file (inputs among them), or null when there is none. */
export async function mainSignalNames(wasmPath: string): Promise<string[] | null> {
  for (const file of symCandidates(wasmPath)) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    const names = new Set<string>();
    for (const line of text.split('\n')) {
      const name = MAIN_SIGNAL.exec(line.trim())?.[1];
      if (name) names.add(name);
    }
    return [...names];
  }
  return null;
}

/** Interfaces by wasm sha256: a bare circuit is compiled in main once, not once per job. */
export class WasmInterfaceCache {
  private readonly known = new Map<string, WasmInterface | null>();

  constructor(private readonly maxEntries = 8) {}

  async get(sha256: string, read: () => Promise<Uint8Array>): Promise<WasmInterface | null> {
    if (this.known.has(sha256)) return this.known.get(sha256) ?? null;
    const found = await readWasmInterface(await read());
    this.known.set(sha256, found);
    if (this.known.size > this.maxEntries) this.known.delete(this.known.keys().next().value as string);
    return found;
  }
}
