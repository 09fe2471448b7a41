// A circuit the prover can be asked to use: bundled, from a user's package, or bare files.
import type { ArtifactRef } from '../../../common/workerProtocol.js';
import type { CircuitManifest } from '../../../common/prover/circuitManifest.js';
import type { WasmInterface } from './wasmInterface.js';
import type { ZkeyHeader } from './zkeyHeader.js';

export interface CircuitFiles {
  wasmPath: string;
  zkeyPath: string;
  vkeyPath: string;
}

export interface ResolvedCircuit {
  id: string;
  title: string;
  source: 'bundled' | 'package' | 'files';
  /** Absent for bare files given on the command line: then inputs are checked loosely. */
  manifest: CircuitManifest | null;
  files: CircuitFiles;
}

/** A circuit whose files were found, hashed and read: safe to hand to a worker. */
export interface CheckedCircuit extends ResolvedCircuit {
  artifacts: ArtifactRef;
  header: ZkeyHeader;
  zkeyBytes: number;
  /** For bare files only: what their wasm says, to check an input before a worker sees it. */
  wasmInterface?: WasmInterface | null;
}
