// Every way a circuit reaches the prover, in one place: the bundled circuits, packages opened
// in this session (a folder or a zip), and bare wasm + zkey files (whose verification key is
// exported once into the cache when none is given). One file-hash cache serves them all and the
// prover's admission, so a proving key is hashed once per process however it was named.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite.js';
import { checkArtifacts } from './artifactCheck.js';
import { openCircuitPackage } from './circuitPackage.js';
import { CircuitRegistry, type CircuitListing } from './circuitRegistry.js';
import { FileHashCache } from './fileHash.js';
import type { CheckedCircuit, ResolvedCircuit } from './resolvedCircuit.js';
import { readZkeyHeader } from './zkeyHeader.js';

export interface CircuitCatalogueOptions {
  /** The bundled circuits (resources/circuits). */
  circuitsDir: string;
  /** Packages are unpacked, and exported verification keys kept, under <dataDir>/cache. */
  dataDir: string;
}

export interface BareCircuitFiles {
  wasmPath: string;
  zkeyPath: string;
  /** Exported from the zkey (once, cached by its hash) when absent. */
  vkeyPath?: string;
}

export class CircuitCatalogue {
  readonly hashes = new FileHashCache();
  private readonly bundled: CircuitRegistry;
  /** Packages opened in this session, by id: they are listed and proved like bundled circuits. */
  private readonly packages = new Map<string, CheckedCircuit>();

  constructor(private readonly options: CircuitCatalogueOptions) {
    this.bundled = new CircuitRegistry(options.circuitsDir);
  }

  /** The bundled circuits (built or not), then the packages opened in this session. */
  async list(): Promise<{ bundled: CircuitListing[]; opened: CheckedCircuit[] }> {
    return { bundled: await this.bundled.list(), opened: [...this.packages.values()] };
  }

  async sampleInput(id: string): Promise<unknown> {
    return this.bundled.sampleInput(id);
  }

  /** A package opened in this session, else a bundled circuit. */
  async resolve(id: string): Promise<ResolvedCircuit> {
    return this.packages.get(id) ?? this.bundled.resolve(id);
  }

  /** As resolve, with the files checked against their manifest and read for their sizes. */
  async check(id: string): Promise<CheckedCircuit> {
    return this.packages.get(id) ?? checkArtifacts(await this.bundled.resolve(id), this.hashes);
  }

  /** Opens a circuit package (a folder or a zip), checks it, and keeps it for this session. */
  async openPackage(location: string): Promise<CheckedCircuit> {
    const circuit = await openCircuitPackage(path.resolve(location), { hashes: this.hashes, unpackDir: path.join(this.options.dataDir, 'cache', 'packages') });
    this.packages.set(circuit.id, circuit);
    return circuit;
  }

  /** Bare circuit files, named after the zkey. */
  async bareFiles(files: BareCircuitFiles): Promise<ResolvedCircuit> {
    const zkeyPath = path.resolve(files.zkeyPath);
    const vkeyPath = files.vkeyPath ? path.resolve(files.vkeyPath) : await this.exportedVkey(zkeyPath);
    const id = path.basename(zkeyPath).replace(/\.zkey$/, '');
    return { id, title: id, source: 'files', manifest: null, files: { wasmPath: path.resolve(files.wasmPath), zkeyPath, vkeyPath } };
  }

  /** A zkey given without its verification key: export it once into the cache, keyed by the zkey's hash. */
  private async exportedVkey(zkeyPath: string): Promise<string> {
    await readZkeyHeader(zkeyPath); // refuses a damaged key before snarkjs reads it
    const target = path.join(this.options.dataDir, 'cache', 'vkeys', `${(await this.hashes.hash(zkeyPath)).sha256}.json`);
    if (await stat(target).catch(() => null)) return target;
    await mkdir(path.dirname(target), { recursive: true });
    // snarkjs only here: loading it up front would delay every proof's start by ~100 ms.
    const snarkjs = await import('snarkjs');
    try {
      const vkey = await snarkjs.zKey.exportVerificationKey(zkeyPath);
      await writeFileAtomic(target, JSON.stringify(vkey, null, 1));
    } finally {
      await terminateCurve();
    }
    return target;
  }
}

/** snarkjs leaves bn128's worker threads running after an export: they would keep the process alive. */
async function terminateCurve(): Promise<void> {
  const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } | null }).curve_bn128;
  await curve?.terminate();
  (globalThis as { curve_bn128?: unknown }).curve_bn128 = null;
}
