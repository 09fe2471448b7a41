// A user's own circuit package: a folder or a zip, validated before use.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCircuitPackage } from '../../../main/services/prover/circuitPackage.js';
import { FileHashCache } from '../../../main/services/prover/fileHash.js';
import { failureOf, makeHarness, registry, releaseCurve, sampleInput, verifiesWithSnarkjs } from '../../support/proverHarness.js';

let tmp: string;
let packageDir: string;
const open = (p: string) => openCircuitPackage(p, { hashes: new FileHashCache(), unpackDir: path.join(tmp, 'unpacked') });


async function zip(target: string, entries: Array<[name: string, file: string]>): Promise<void> {
  const archive = new yazl.ZipFile();
  for (const [name, file] of entries) archive.addFile(file, name);
  archive.end();
  await new Promise<void>((resolve, reject) => archive.outputStream.pipe(createWriteStream(target)).on('close', resolve).on('error', reject));
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-pkg-'));
  packageDir = path.join(tmp, 'poseidon-package');
  await cp(path.dirname((await registry.resolve('poseidon-preimage')).files.zkeyPath), packageDir, { recursive: true });
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await releaseCurve();
});

describe('circuit packages', () => {
  it('a folder package opens and proves', async () => {
    const circuit = await open(packageDir);
    expect(circuit.source).toBe('package');
    expect(circuit.manifest?.id).toBe('poseidon-preimage');
    const h = await makeHarness();
    try {
      const result = await (await h.prover.submit({ circuit, input: await sampleInput('poseidon-preimage') })).result;
      expect(await verifiesWithSnarkjs(circuit, result)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('a zip package opens, with files at the root or in one top folder', async () => {
    const names = ['circuit.wasm', 'circuit.zkey', 'verification_key.json', 'manifest.json'];
    const flat = path.join(tmp, 'flat.zip');
    await zip(flat, names.map((n) => [n, path.join(packageDir, n)]));
    expect((await open(flat)).manifest?.id).toBe('poseidon-preimage');
    const nested = path.join(tmp, 'nested.zip');
    await zip(nested, names.map((n) => [`my-circuit/${n}`, path.join(packageDir, n)]));
    expect((await open(nested)).manifest?.id).toBe('poseidon-preimage');
  });

  it('keeps unpacked packages under their byte bound, dropping the least recently used', async () => {
    const names = ['circuit.wasm', 'circuit.zkey', 'verification_key.json', 'manifest.json'];
    const unpackDir = path.join(tmp, 'bounded');
    // Two different zips of the same package (a different comment changes the zip's hash).
    const zips: string[] = [];
    for (const tag of ['first', 'second']) {
      const file = path.join(tmp, `${tag}.zip`);
      const archive = new yazl.ZipFile();
      for (const n of names) archive.addFile(path.join(packageDir, n), n);
      archive.addBuffer(Buffer.from(tag), 'NOTE.txt');
      archive.end();
      await new Promise<void>((resolve) => archive.outputStream.pipe(createWriteStream(file)).on('close', resolve));
      zips.push(file);
    }
    const openBounded = (p: string) => openCircuitPackage(p, { hashes: new FileHashCache(), unpackDir, cacheBytes: 3 * 1024 * 1024 });
    await openBounded(zips[0] as string);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(unpackDir)).toHaveLength(1);
    // Each unpacked package is about 2 MB: the second pushes the first out, and still proves.
    const second = await openBounded(zips[1] as string);
    expect(await readdir(unpackDir)).toHaveLength(1);
    expect(second.manifest?.id).toBe('poseidon-preimage');
  });

  it('a zip that reaches outside its folder is refused', async () => {
    const evil = path.join(tmp, 'evil.zip');
    const archive = new yazl.ZipFile();
    archive.addBuffer(Buffer.from('x'), 'a/b/c/manifest.json');
    archive.end();
    await new Promise<void>((resolve) => archive.outputStream.pipe(createWriteStream(evil)).on('close', resolve));
    const error = await failureOf(open(evil));
    expect(error.code).toBe('E_PACKAGE_INVALID');
  });

  it('a file that is not a zip, a missing manifest, an invalid manifest and a tampered key each get a clear error', async () => {
    const notZip = path.join(tmp, 'not.zip');
    await writeFile(notZip, 'hello');
    expect((await failureOf(open(notZip))).code).toBe('E_PACKAGE_INVALID');

    const noManifest = path.join(tmp, 'no-manifest');
    await cp(packageDir, noManifest, { recursive: true });
    await rm(path.join(noManifest, 'manifest.json'));
    expect((await failureOf(open(noManifest))).message).toContain('manifest.json is missing');

    const badManifest = path.join(tmp, 'bad-manifest');
    await cp(packageDir, badManifest, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(badManifest, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(badManifest, 'manifest.json'), JSON.stringify({ ...manifest, protocol: 'plonk' }));
    const invalid = await failureOf(open(badManifest));
    expect(invalid.code).toBe('E_PACKAGE_INVALID');
    expect(invalid.message).toContain('protocol');

    const tampered = path.join(tmp, 'tampered');
    await cp(packageDir, tampered, { recursive: true });
    const vkey = JSON.parse(await readFile(path.join(tampered, 'verification_key.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(tampered, 'verification_key.json'), JSON.stringify({ ...vkey, IC: [] }));
    const error = await failureOf(open(tampered));
    expect(error.code).toBe('E_ARTIFACT_CORRUPT');
    expect(error.details.file).toBe('verification key');
  });

  it('a wasm that does not compile is refused', async () => {
    const broken = path.join(tmp, 'broken-wasm');
    await cp(packageDir, broken, { recursive: true });
    const wasm = await readFile(path.join(broken, 'circuit.wasm'));
    const cut = wasm.subarray(0, 2000);
    await writeFile(path.join(broken, 'circuit.wasm'), cut);
    const manifest = JSON.parse(await readFile(path.join(broken, 'manifest.json'), 'utf8')) as { artifacts: { wasm: { sha256: string; bytes: number } } };
    const { createHash } = await import('node:crypto');
    manifest.artifacts.wasm = { ...manifest.artifacts.wasm, sha256: createHash('sha256').update(cut).digest('hex'), bytes: cut.length };
    await writeFile(path.join(broken, 'manifest.json'), JSON.stringify(manifest));
    const error = await failureOf(open(broken));
    expect(error.code).toBe('E_ARTIFACT_CORRUPT');
    expect(error.message).toContain('does not compile');
  });
});
