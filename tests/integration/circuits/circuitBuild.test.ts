// The circuit build and its committed output: every bundled package is valid and proves with
// plain snarkjs; the build is incremental, reproducible, and finds or makes its ptau.
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as snarkjs from 'snarkjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circuitManifestSchema, type CircuitManifest } from '../../../common/prover/circuitManifest.js';
import { listCircuitIds, runCircuitBuild, type CircuitOutcome } from '../../../scripts/circuits/circuitBuilder.js';
import { readCircuitSpec } from '../../../scripts/circuits/circuitSpec.js';
import { sha256File } from '../../../scripts/circuits/fileSha256.js';
import { checkPtau, locatePtau } from '../../../scripts/circuits/ptauLocator.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const circuitsDir = path.join(repoRoot, 'resources', 'circuits');
const ptauDir = process.env.ZKDESK_PTAU_DIR ? path.resolve(repoRoot, process.env.ZKDESK_PTAU_DIR) : undefined;
const noPtau = !ptauDir;
if (noPtau) {
  console.log('circuit build tests that need a prepared ptau are skipped: set ZKDESK_PTAU_DIR to a folder of dev_<power>.ptau files (CI uses ../shared/ptau).');
}

const committedIds: string[] = [];
for (const id of await listCircuitIds(circuitsDir)) {
  if ((await readCircuitSpec(path.join(circuitsDir, id))).committed) committedIds.push(id);
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-circuits-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
});

async function readManifest(buildDir: string): Promise<CircuitManifest> {
  return circuitManifestSchema.parse(JSON.parse(await readFile(path.join(buildDir, 'manifest.json'), 'utf8')));
}

async function expectArtifactsMatch(buildDir: string, manifest: CircuitManifest): Promise<void> {
  for (const entry of Object.values(manifest.artifacts)) {
    const file = path.join(buildDir, entry.file);
    expect({ file: entry.file, sha256: await sha256File(file), bytes: (await stat(file)).size }).toEqual(entry);
  }
}

/** Proves the shipped sample with plain snarkjs; returns the public signals. */
async function proveSample(buildDir: string, manifest: CircuitManifest): Promise<{ input: Record<string, unknown>; publicSignals: string[] }> {
  expect(manifest.sampleInput).toBeDefined();
  const input = JSON.parse(await readFile(path.join(buildDir, manifest.sampleInput ?? ''), 'utf8')) as Record<string, unknown>;
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(input, path.join(buildDir, 'circuit.wasm'), path.join(buildDir, 'circuit.zkey'));
  const vkey = JSON.parse(await readFile(path.join(buildDir, 'verification_key.json'), 'utf8')) as unknown;
  expect(await snarkjs.groth16.verify(vkey, publicSignals, proof)).toBe(true);
  return { input, publicSignals };
}

function quietBuild(options: Partial<Parameters<typeof runCircuitBuild>[0]>): Promise<CircuitOutcome[]> {
  return runCircuitBuild({ repoRoot, circuitsDir, env: { ...process.env, ZKDESK_PTAU_DIR: ptauDir }, log: () => {}, ...options });
}

describe('committed circuit packages', () => {
  it('covers the four small circuits', () => {
    expect(committedIds).toEqual(['merkle-membership', 'poseidon-preimage', 'stress-12', 'stress-14']);
  });

  for (const id of committedIds) {
    it(`${id}: manifest is valid, files match it, and its sample proves and verifies with plain snarkjs`, async () => {
      const buildDir = path.join(circuitsDir, id, 'build');
      const manifest = await readManifest(buildDir);
      expect(manifest.id).toBe(id);
      await expectArtifactsMatch(buildDir, manifest);

      const { input, publicSignals } = await proveSample(buildDir, manifest);
      // The manifest's names must line up with public.json: a public input's value is its own.
      expect(publicSignals).toHaveLength(manifest.publicSignals.length);
      manifest.publicSignals.forEach((name, i) => {
        if (name in input) expect(publicSignals[i]).toBe(input[name]);
      });
      const declared = manifest.inputs.flatMap((s) => (s.public ? [s.name] : []));
      expect(declared.every((name) => manifest.publicSignals.includes(name))).toBe(true);
    });
  }

  it('a proof does not verify against a changed public signal', async () => {
    const buildDir = path.join(circuitsDir, 'poseidon-preimage', 'build');
    const input = JSON.parse(await readFile(path.join(buildDir, 'input.sample.json'), 'utf8')) as unknown;
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(input, path.join(buildDir, 'circuit.wasm'), path.join(buildDir, 'circuit.zkey'));
    const vkey = JSON.parse(await readFile(path.join(buildDir, 'verification_key.json'), 'utf8')) as unknown;
    expect(await snarkjs.groth16.verify(vkey, publicSignals.map((s) => String(BigInt(s) + 1n)), proof)).toBe(false);
  });
});

describe('the build', () => {
  it('finds every committed circuit up to date on this tree without any ptau, building nothing', async () => {
    // A fresh clone: no ZKDESK_PTAU_DIR and an empty user cache. The manifests name their ptau.
    const outcomes = await quietBuild({ check: true, env: { HOME: tmp, XDG_CACHE_HOME: path.join(tmp, 'no-ptau-check') } });
    const byId = Object.fromEntries(outcomes.map((o) => [o.id, `${o.status}${o.reason ? `: ${o.reason}` : ''}`]));
    expect(byId).toEqual({
      'merkle-membership': 'up to date',
      'poseidon-preimage': 'up to date',
      'stress-12': 'up to date',
      'stress-14': 'up to date',
      'stress-16': 'skipped: large (committed: false); add --include-large to build it',
    });
  });

  it('leaves committed keys alone on a machine with no ptau: no ptau is made, nothing is rebuilt', async () => {
    const dir = path.join(tmp, 'fresh-clone');
    await mkdir(dir, { recursive: true });
    await cp(path.join(circuitsDir, 'poseidon-preimage'), path.join(dir, 'poseidon-preimage'), { recursive: true, filter: (src) => !src.includes(`${path.sep}.cache`) });
    const manifestFile = path.join(dir, 'poseidon-preimage', 'build', 'manifest.json');
    const before = { text: await readFile(manifestFile, 'utf8'), mtime: (await stat(manifestFile)).mtimeMs };
    const cacheHome = path.join(tmp, 'fresh-clone-cache');
    const lines: string[] = [];
    const [outcome] = await runCircuitBuild({ repoRoot, circuitsDir: dir, env: { HOME: tmp, XDG_CACHE_HOME: cacheHome }, log: (line) => lines.push(line) });
    expect(outcome?.status).toBe('up to date');
    expect(lines.join('\n')).not.toMatch(/ptau/);
    expect(await stat(path.join(cacheHome, 'zkdesk', 'ptau')).catch(() => null)).toBeNull();
    expect({ text: await readFile(manifestFile, 'utf8'), mtime: (await stat(manifestFile)).mtimeMs }).toEqual(before);
  });

  it.skipIf(noPtau)('rebuilds a copied circuit byte for byte, leaves it alone when unchanged, and rebuilds it when its source changes', async () => {
    const dir = path.join(tmp, 'copy');
    await mkdir(dir, { recursive: true });
    await cp(path.join(circuitsDir, 'poseidon-preimage'), path.join(dir, 'poseidon-preimage'), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}build`),
    });
    const buildDir = path.join(dir, 'poseidon-preimage', 'build');
    const committedManifest = await readFile(path.join(circuitsDir, 'poseidon-preimage', 'build', 'manifest.json'), 'utf8');

    const [first] = await quietBuild({ circuitsDir: dir });
    expect(first?.status).toBe('built');
    // The development ceremony has no randomness: same sources and ptau, same keys, anywhere.
    expect(await readFile(path.join(buildDir, 'manifest.json'), 'utf8')).toBe(committedManifest);

    const manifestMtime = (await stat(path.join(buildDir, 'manifest.json'))).mtimeMs;
    const [second] = await quietBuild({ circuitsDir: dir });
    expect(second?.status).toBe('up to date');
    expect((await stat(path.join(buildDir, 'manifest.json'))).mtimeMs).toBe(manifestMtime);

    const source = path.join(dir, 'poseidon-preimage', 'circuit.circom');
    const text = await readFile(source, 'utf8');
    await writeFile(source, text.replace('hash === hasher.out;', 'hash === hasher.out;\n    signal product <== preimage[0] * preimage[1];'));
    const [third] = await quietBuild({ circuitsDir: dir });
    expect(third?.status).toBe('built');
    const rebuilt = await readManifest(buildDir);
    expect(rebuilt.sourceSha256).not.toBe(JSON.parse(committedManifest).sourceSha256);
    expect(rebuilt.constraints).toBe(241);
    await expectArtifactsMatch(buildDir, rebuilt);
    await proveSample(buildDir, rebuilt);
  });

  it.skipIf(noPtau)('picks the smallest prepared ptau that is large enough, and refuses one that fails its checksum', async () => {
    const dir = path.join(tmp, 'ptau');
    await mkdir(dir, { recursive: true });
    for (const name of ['dev_12.ptau', 'dev_14.ptau']) await symlink(path.join(ptauDir ?? '', name), path.join(dir, name));
    await copyFile(path.join(ptauDir ?? '', 'SHA256SUMS'), path.join(dir, 'SHA256SUMS'));
    expect(path.basename((await locatePtau(13, [dir]))?.file ?? '')).toBe('dev_14.ptau');
    expect(await locatePtau(17, [dir])).toBeNull();

    const damaged = path.join(tmp, 'damaged');
    await mkdir(damaged);
    await copyFile(path.join(ptauDir ?? '', 'dev_12.ptau'), path.join(damaged, 'dev_12.ptau'));
    await copyFile(path.join(ptauDir ?? '', 'SHA256SUMS'), path.join(damaged, 'SHA256SUMS'));
    const bytes = await readFile(path.join(damaged, 'dev_12.ptau'));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    await writeFile(path.join(damaged, 'dev_12.ptau'), bytes);
    await expect(checkPtau(path.join(damaged, 'dev_12.ptau'))).rejects.toMatchObject({ code: 'E_ARTIFACT_CORRUPT' });
  });

  it('makes a development ptau in the user cache when none is found, and builds with it', async () => {
    const dir = path.join(tmp, 'tiny');
    await mkdir(path.join(dir, 'product'), { recursive: true });
    // A 2-D private input and a public one after it: the manifest must name both in wire order.
    await writeFile(
      path.join(dir, 'product', 'circuit.circom'),
      [
        'pragma circom 2.1.6;',
        'template Product() {',
        '  signal input m[2][3];',
        '  signal input b;',
        '  signal output c;',
        '  signal acc[7];',
        '  acc[0] <== b;',
        '  for (var i = 0; i < 6; i++) { acc[i + 1] <== acc[i] * m[i \\ 3][i % 3]; }',
        '  c <== acc[6];',
        '}',
        'component main { public [b] } = Product();',
        '',
      ].join('\n'),
    );
    await writeFile(path.join(dir, 'product', 'circuit.json'), JSON.stringify({ title: 'Product', ptauPower: 5, committed: true }));
    const cacheHome = path.join(tmp, 'xdg-cache');
    const lines: string[] = [];
    const [outcome] = await runCircuitBuild({
      repoRoot,
      circuitsDir: dir,
      env: { HOME: tmp, XDG_CACHE_HOME: cacheHome },
      log: (line) => lines.push(line),
    });
    expect(outcome?.reason).toBe('not built yet');
    expect(outcome?.status).toBe('built');
    expect(lines.join('\n')).toMatch(/this takes minutes/);
    const ptau = path.join(cacheHome, 'zkdesk', 'ptau', 'dev_5.ptau');
    expect((await checkPtau(ptau)).checksumVerified).toBe(true);

    const buildDir = path.join(dir, 'product', 'build');
    const manifest = await readManifest(buildDir);
    expect(manifest).toMatchObject({ publicSignals: ['c', 'b'], ceremony: { ptauFile: 'dev_5.ptau', ptauPower: 5 } });
    expect(manifest.inputs).toEqual([
      { name: 'b', dims: [], public: true },
      { name: 'm', dims: [2, 3], public: false },
    ]);
    expect(manifest.sampleInput).toBeUndefined();
    await expectArtifactsMatch(buildDir, manifest);
    const input = { m: [[1, 2, 3], [4, 5, 6]], b: 2 };
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(input, path.join(buildDir, 'circuit.wasm'), path.join(buildDir, 'circuit.zkey'));
    expect(publicSignals).toEqual(['1440', '2']);
    const vkey = JSON.parse(await readFile(path.join(buildDir, 'verification_key.json'), 'utf8')) as unknown;
    expect(await snarkjs.groth16.verify(vkey, publicSignals, proof)).toBe(true);
  });
});
