// Turns the CLI's ways of naming a circuit (a bundled id, a package folder or zip, or bare
// wasm + zkey files) into one ResolvedCircuit, through the services' circuit catalogue.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../common/errors.js';
import { parseInputText } from '../services/prover/inputCheck.js';
import type { ResolvedCircuit } from '../services/prover/resolvedCircuit.js';
import type { CircuitCatalogue } from '../services/prover/circuitCatalogue.js';

export interface CircuitArgs {
  circuit?: string;
  package?: string;
  wasm?: string;
  zkey?: string;
  vkey?: string;
}

export async function resolveCircuitArgs(args: CircuitArgs, circuits: CircuitCatalogue): Promise<ResolvedCircuit> {
  const given = [args.circuit, args.package, args.wasm ?? args.zkey].filter(Boolean).length;
  if (given !== 1) {
    throw new ZkError('E_INPUT_INVALID', 'Name the circuit one way: --circuit <id>, --package <dir|zip>, or --wasm <file> --zkey <file>.', {
      problem: 'circuit arguments',
    });
  }
  if (args.circuit) return circuits.resolve(args.circuit);
  if (args.package) return circuits.openPackage(args.package);
  if (!args.wasm || !args.zkey) {
    throw new ZkError('E_INPUT_INVALID', 'Bare circuit files need both --wasm and --zkey.', { problem: 'circuit arguments' });
  }
  return circuits.bareFiles({ wasmPath: args.wasm, zkeyPath: args.zkey, ...(args.vkey ? { vkeyPath: args.vkey } : {}) });
}

export async function readInputFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ZkError('E_IO', `The input file ${path.basename(file)} could not be read.`, { file: path.basename(file) }, { cause: error });
  }
  return parseInputText(text, path.basename(file));
}
