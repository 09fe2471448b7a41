// Refuses damaged or mismatched circuit files before any worker starts: missing files,
// truncated or foreign proving keys, hashes that differ from the manifest, a verification
// key for another circuit, a wasm that does not compile.
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../../common/errors.js';
import type { FileHashCache } from './fileHash.js';
import { readZkeyHeader } from './zkeyHeader.js';
import type { CheckedCircuit, ResolvedCircuit } from './resolvedCircuit.js';
import { WasmInterfaceCache, type WasmInterface } from './wasmInterface.js';

export interface ArtifactCheckOptions {
  /** Compile the wasm to prove it is valid: done once when a package is opened. */
  compileWasm?: boolean;
  /** Where the interfaces of bare (manifest-less) wasm files are remembered between jobs. */
  interfaces?: WasmInterfaceCache;
}

const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

async function hashOrMissing(hashes: FileHashCache, path: string, label: string): Promise<{ sha256: string; bytes: number }> {
  try {
    return await hashes.hash(path);
  } catch (error) {
    throw new ZkError('E_ARTIFACT_MISSING', `The ${label} is missing.`, { file: label, path }, { cause: error });
  }
}

function mismatch(label: string, expected: string, actual: string): ZkError {
  return new ZkError('E_ARTIFACT_CORRUPT', `The ${label} does not match the circuit's manifest: it was changed or damaged.`, {
    file: label,
    expectedSha256: expected,
    actualSha256: actual,
  });
}

/** The first bytes of a file, without reading the rest. */
async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Every job passes here: without compile only the magic is read. Reading the whole wasm (1.7 MB
 * for the smallest bundled circuit, tens of MB for large ones) on every job only to look at its
 * first four bytes cost the host a buffer of that size per proof, which malloc kept: the soak's
 * resident-memory growth (docs/security.md, Soak).
 */
async function checkWasm(path: string, compile: boolean): Promise<void> {
  const bytes = compile ? await readFile(path) : await readHead(path, WASM_MAGIC.length);
  if (!bytes.subarray(0, 4).equals(WASM_MAGIC)) {
    throw new ZkError('E_ARTIFACT_CORRUPT', 'The circuit wasm is not a WebAssembly file.', { file: 'circuit wasm' });
  }
  if (compile) {
    try {
      await WebAssembly.compile(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ZkError('E_ARTIFACT_CORRUPT', 'The circuit wasm does not compile.', { file: 'circuit wasm', reason }, { cause: error });
    }
  }
}

async function checkVkey(path: string, nPublic: number): Promise<void> {
  let vkey: { protocol?: unknown; curve?: unknown; nPublic?: unknown };
  try {
    vkey = JSON.parse(await readFile(path, 'utf8')) as typeof vkey;
  } catch (error) {
    throw new ZkError('E_ARTIFACT_CORRUPT', 'The verification key is not valid JSON.', { file: 'verification key' }, { cause: error });
  }
  if (vkey.protocol !== 'groth16') {
    throw new ZkError('E_ARTIFACT_CORRUPT', 'The verification key is not a Groth16 key.', { file: 'verification key', protocol: String(vkey.protocol) });
  }
  if (vkey.nPublic !== nPublic) {
    throw new ZkError('E_ARTIFACT_CORRUPT', 'The verification key belongs to another circuit (its public signal count differs).', {
      file: 'verification key',
      vkeyPublic: Number(vkey.nPublic),
      zkeyPublic: nPublic,
    });
  }
}

/**
 * Bare files have no manifest to tie the key to the wasm: the wasm's own witness size must be
 * the key's wire count, or the key belongs to another circuit (even one with as many public signals).
 */
async function bareWasmInterface(circuit: ResolvedCircuit, wasmSha256: string, nVars: number, cache: WasmInterfaceCache): Promise<WasmInterface | null> {
  const { wasmPath, zkeyPath } = circuit.files;
  let found: WasmInterface | null;
  try {
    found = await cache.get(wasmSha256, () => readFile(wasmPath));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZkError('E_ARTIFACT_CORRUPT', 'The circuit wasm does not compile.', { file: 'circuit wasm', reason }, { cause: error });
  }
  if (found && found.witnessSize !== nVars) {
    const wasmName = path.basename(wasmPath);
    const zkeyName = path.basename(zkeyPath);
    throw new ZkError('E_ARTIFACT_CORRUPT', `The proving key ${zkeyName} is for a circuit of ${nVars} wires, but ${wasmName} computes ${found.witnessSize}: they belong to different circuits.`, {
      file: 'proving key',
      zkey: zkeyName,
      wasm: wasmName,
      keyWires: nVars,
      wasmWires: found.witnessSize,
    });
  }
  return found;
}

export async function checkArtifacts(circuit: ResolvedCircuit, hashes: FileHashCache, options: ArtifactCheckOptions = {}): Promise<CheckedCircuit> {
  const { files, manifest } = circuit;
  const [wasm, zkey, vkey] = await Promise.all([
    hashOrMissing(hashes, files.wasmPath, 'circuit wasm'),
    hashOrMissing(hashes, files.zkeyPath, 'proving key'),
    hashOrMissing(hashes, files.vkeyPath, 'verification key'),
  ]);
  // The header first: "truncated" says more than "hash differs" for the commonest damage.
  const header = await readZkeyHeader(files.zkeyPath);
  if (manifest) {
    if (zkey.sha256 !== manifest.artifacts.zkey.sha256) throw mismatch('proving key', manifest.artifacts.zkey.sha256, zkey.sha256);
    if (wasm.sha256 !== manifest.artifacts.wasm.sha256) throw mismatch('circuit wasm', manifest.artifacts.wasm.sha256, wasm.sha256);
    if (vkey.sha256 !== manifest.artifacts.vkey.sha256) throw mismatch('verification key', manifest.artifacts.vkey.sha256, vkey.sha256);
    if (header.nVars !== manifest.wires || header.nPublic !== manifest.publicSignals.length) {
      throw new ZkError('E_ARTIFACT_CORRUPT', 'The proving key belongs to another circuit than its manifest describes.', {
        file: 'proving key',
        keyWires: header.nVars,
        manifestWires: manifest.wires,
      });
    }
  }
  await Promise.all([checkWasm(files.wasmPath, options.compileWasm ?? false), checkVkey(files.vkeyPath, header.nPublic)]);
  const wasmInterface = manifest ? null : await bareWasmInterface(circuit, wasm.sha256, header.nVars, options.interfaces ?? new WasmInterfaceCache());
  return {
    ...circuit,
    header,
    wasmInterface,
    zkeyBytes: zkey.bytes,
    artifacts: {
      wasmPath: files.wasmPath,
      wasmSha256: wasm.sha256,
      zkeyPath: files.zkeyPath,
      zkeySha256: zkey.sha256,
      vkeyPath: files.vkeyPath,
      vkeySha256: vkey.sha256,
    },
  };
}
