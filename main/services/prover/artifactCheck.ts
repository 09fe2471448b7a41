// Refuses damaged or mismatched circuit files before any worker starts: missing files,
// truncated or foreign proving keys, hashes that differ from the manifest, a verification
// key for another circuit, a wasm that does not compile.
import { readFile } from 'node:fs/promises';
import { ZkError } from '../../../common/errors.js';
import type { FileHashCache } from './fileHash.js';
import { readZkeyHeader } from './zkeyHeader.js';
import type { CheckedCircuit, ResolvedCircuit } from './resolvedCircuit.js';

export interface ArtifactCheckOptions {
  /** Compile the wasm to prove it is valid: done once when a package is opened. */
  compileWasm?: boolean;
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

async function checkWasm(path: string, compile: boolean): Promise<void> {
  const bytes = await readFile(path);
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
  return {
    ...circuit,
    header,
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
