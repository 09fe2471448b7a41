// Turns the CLI's ways of naming a circuit (a bundled id, a package folder or zip, or bare
// wasm + zkey files) into one ResolvedCircuit.
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../common/errors.js';
import { CircuitRegistry } from '../services/prover/circuitRegistry.js';
import { openCircuitPackage } from '../services/prover/circuitPackage.js';
import { FileHashCache, sha256File } from '../services/prover/fileHash.js';
import { parseInputText } from '../services/prover/inputCheck.js';
import { readZkeyHeader } from '../services/prover/zkeyHeader.js';
import type { ResolvedCircuit } from '../services/prover/resolvedCircuit.js';
import { bundledCircuitsDir } from '../../node/resourcePaths.js';
import { writeFileAtomic } from '../services/files/atomicWrite.js';

export interface CircuitArgs {
  circuit?: string;
  package?: string;
  wasm?: string;
  zkey?: string;
  vkey?: string;
}

async function terminateCurve(): Promise<void> {
  const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } | null }).curve_bn128;
  await curve?.terminate();
  (globalThis as { curve_bn128?: unknown }).curve_bn128 = null;
}

/** A zkey given without its verification key: export it once into the cache, keyed by the zkey's hash. */
async function exportedVkey(zkeyPath: string, dataDir: string): Promise<string> {
  await readZkeyHeader(zkeyPath); // refuses a damaged key before snarkjs reads it
  const target = path.join(dataDir, 'cache', 'vkeys', `${await sha256File(zkeyPath)}.json`);
  if (await stat(target).catch(() => null)) return target;
  await mkdir(path.dirname(target), { recursive: true });
  // snarkjs only here: loading it up front would delay every `zkdesk prove` by ~100 ms.
  const snarkjs = await import('snarkjs');
  try {
    const vkey = await snarkjs.zKey.exportVerificationKey(zkeyPath);
    await writeFileAtomic(target, JSON.stringify(vkey, null, 1));
  } finally {
    await terminateCurve();
  }
  return target;
}

export async function resolveCircuitArgs(args: CircuitArgs, dataDir: string): Promise<ResolvedCircuit> {
  const given = [args.circuit, args.package, args.wasm ?? args.zkey].filter(Boolean).length;
  if (given !== 1) {
    throw new ZkError('E_INPUT_INVALID', 'Name the circuit one way: --circuit <id>, --package <dir|zip>, or --wasm <file> --zkey <file>.', {
      problem: 'circuit arguments',
    });
  }
  if (args.circuit) return new CircuitRegistry(bundledCircuitsDir()).resolve(args.circuit);
  if (args.package) {
    return openCircuitPackage(path.resolve(args.package), { hashes: new FileHashCache(), unpackDir: path.join(dataDir, 'cache', 'packages') });
  }
  if (!args.wasm || !args.zkey) {
    throw new ZkError('E_INPUT_INVALID', 'Bare circuit files need both --wasm and --zkey.', { problem: 'circuit arguments' });
  }
  const zkeyPath = path.resolve(args.zkey);
  const vkeyPath = args.vkey ? path.resolve(args.vkey) : await exportedVkey(zkeyPath, dataDir);
  const id = path.basename(zkeyPath).replace(/\.zkey$/, '');
  return { id, title: id, source: 'files', manifest: null, files: { wasmPath: path.resolve(args.wasm), zkeyPath, vkeyPath } };
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
