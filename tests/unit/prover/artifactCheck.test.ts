// Admission checks a circuit's files before every job. For the wasm that means its magic bytes:
// reading the whole file there (1.7 MB for the smallest bundled circuit) put a buffer of that
// size into the host's memory on every proof, and malloc kept what it freed (docs/security.md,
// Soak). Only opening a package (compileWasm) reads it whole, to compile it.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as fsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkArtifacts } from '../../../main/services/prover/artifactCheck.js';
import { CircuitRegistry } from '../../../main/services/prover/circuitRegistry.js';
import { FileHashCache } from '../../../main/services/prover/fileHash.js';
import type { ResolvedCircuit } from '../../../main/services/prover/resolvedCircuit.js';
import { bundledCircuitsDir } from '../../../node/resourcePaths.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

const registry = new CircuitRegistry(bundledCircuitsDir());
const readFileMock = vi.mocked(fsPromises.readFile);

/** The paths readFile was asked for, whole. */
function wholeReads(): string[] {
  return readFileMock.mock.calls.map(([file]) => String(file));
}

const dirs: string[] = [];
afterEach(async () => {
  readFileMock.mockClear();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The circuit's files copied, as bare files (no manifest), with the wasm replaced by `wasm`. */
async function bareCopyWithWasm(id: string, wasm: Buffer): Promise<ResolvedCircuit> {
  const circuit = await registry.resolve(id);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-artifacts-'));
  dirs.push(dir);
  const files = { wasmPath: path.join(dir, 'circuit.wasm'), zkeyPath: path.join(dir, 'circuit.zkey'), vkeyPath: path.join(dir, 'verification_key.json') };
  await writeFile(files.wasmPath, wasm);
  await copyFile(circuit.files.zkeyPath, files.zkeyPath);
  await copyFile(circuit.files.vkeyPath, files.vkeyPath);
  return { ...circuit, manifest: null, files };
}

describe('artifact check', () => {
  it("a job's check does not read the circuit wasm whole, however many jobs run", async () => {
    const circuit = await registry.resolve('poseidon-preimage');
    const hashes = new FileHashCache();
    for (let job = 0; job < 3; job++) {
      const checked = await checkArtifacts(circuit, hashes);
      expect(checked.artifacts.wasmPath).toBe(circuit.files.wasmPath);
    }
    expect(wholeReads()).not.toContain(circuit.files.wasmPath);
  });

  it('opening a package still reads and compiles the whole wasm', async () => {
    const circuit = await registry.resolve('poseidon-preimage');
    await checkArtifacts(circuit, new FileHashCache(), { compileWasm: true });
    expect(wholeReads()).toContain(circuit.files.wasmPath);
  });

  it('a wasm without the WebAssembly magic is refused from its first bytes', async () => {
    const circuit = await bareCopyWithWasm('poseidon-preimage', Buffer.from('not wasm at all'));
    await expect(checkArtifacts(circuit, new FileHashCache())).rejects.toMatchObject({ code: 'E_ARTIFACT_CORRUPT', details: { file: 'circuit wasm' } });
  });

  it('an empty wasm is refused, not read past its end', async () => {
    const circuit = await bareCopyWithWasm('poseidon-preimage', Buffer.alloc(0));
    await expect(checkArtifacts(circuit, new FileHashCache())).rejects.toMatchObject({ code: 'E_ARTIFACT_CORRUPT', details: { file: 'circuit wasm' } });
  });
});
