// Every native prover build the build script made (dist/native/<os>-<arch>/manifest.json), run on
// this machine as a tester's would run it: linux-x64 directly, linux-arm64 under qemu-user,
// win-x64 under wine. With r and s pinned, every build must make the very same proof of every
// bundled circuit (the portable field and the assembly agree bit for bit), and plain snarkjs must
// accept it. The cross builds also prove through a real worker (a launcher prefix), one of them a
// package opened from disk, and each dies when the process holding its stdin goes.
// A build that was not made here is skipped with one printed line; CI (ZKDESK_REQUIRE_NATIVE=1)
// builds and runs them all.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as snarkjs from 'snarkjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCircuitPackage } from '../../../main/services/prover/circuitPackage.js';
import { FileHashCache } from '../../../main/services/prover/fileHash.js';
import { projectRoot } from '../../../node/resourcePaths.js';
import { runnableNativeBuilds, type Built } from '../../support/nativeBuilds.js';
import { makeHarness, registry, releaseCurve, sampleInput, verifiesWithSnarkjs } from '../../support/proverHarness.js';

const circuits = ['poseidon-preimage', 'merkle-membership', 'stress-12', 'stress-14'];
// Fixed only here (the worker strips the variable): the same r and s for every build.
const pinned = '1234567890123456789012345678901234567890,9876543210987654321098765432109876543210';

const runnable = runnableNativeBuilds('Native build test');
const crossBuilds = runnable.filter((b) => b.variant.runner);

let tmp: string;
const witnesses = new Map<string, Uint8Array>();

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-builds-'));
  const { WitnessCalculatorBuilder } = await import('circom_runtime');
  for (const id of circuits) {
    const circuit = await registry.resolve(id);
    const wc = await WitnessCalculatorBuilder(await readFile(circuit.files.wasmPath));
    witnesses.set(id, await wc.calculateWTNSBin(await sampleInput(id), true));
  }
});
afterAll(async () => {
  await releaseCurve();
  await rm(tmp, { recursive: true, force: true });
});

/** Runs a build on one circuit, the witness on stdin, and returns its stdout. */
function prove(built: Built, id: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const zkey = path.join(projectRoot(), 'resources', 'circuits', id, 'build', 'circuit.zkey');
    const [command, ...args] = [...built.prefix, built.file, zkey, '-'];
    const child = spawn(command as string, args, { env: { ...process.env, WINEDEBUG: '-all', ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(witnesses.get(id));
  });
}

async function verifies(id: string, output: string): Promise<boolean> {
  const { proof, publicSignals } = JSON.parse(output) as { proof: unknown; publicSignals: string[] };
  const vkey = JSON.parse(await readFile((await registry.resolve(id)).files.vkeyPath, 'utf8')) as unknown;
  return snarkjs.groth16.verify(vkey, publicSignals, proof);
}

describe.skipIf(runnable.length === 0)('every native build proves alike', () => {
  // Emulated builds (qemu, wine) run the smaller circuits: emulation makes them slow, not different.
  it.each(circuits)('with r and s pinned, each build makes the same proof of %s, and snarkjs verifies it', { timeout: 600_000 }, async (id) => {
    const proofs = new Map<string, string>();
    for (const built of runnable.filter((b) => !b.variant.runner || id !== 'stress-14')) {
      const { code, stdout, stderr } = await prove(built, id, { ZKDESK_TEST_FIXED_BLINDING: pinned });
      const name = `${built.variant.target}/${built.variant.file}`;
      expect(code, `${name} ${id}: ${stderr.slice(-300)}`).toBe(0);
      expect(await verifies(id, stdout), `${name} ${id}`).toBe(true);
      proofs.set(name, stdout);
    }
    expect(new Set(proofs.values()).size, `${id}: ${[...proofs.keys()].join(', ')}`).toBe(1);
  });

  it('says which field path each build has, as its manifest does', () => {
    for (const built of runnable) {
      const field = execFileSync(built.prefix[0] ?? built.file, [...built.prefix.slice(1), ...(built.prefix.length ? [built.file] : []), '--field'], {
        encoding: 'utf8',
        env: { ...process.env, WINEDEBUG: '-all' },
      }).trim();
      expect(field, built.variant.file).toBe(built.entry.field);
    }
  });
});

describe.skipIf(process.platform !== 'linux' || !runnable.some((b) => b.variant.target.startsWith('linux-')))('Linux builds need nothing but glibc', () => {
  it('links only libc (and the loader): GMP, libstdc++, libgcc_s and libgomp are inside', () => {
    for (const built of runnable.filter((b) => b.variant.target.startsWith('linux-'))) {
      const dynamic = execFileSync('readelf', ['-d', built.file], { encoding: 'utf8' });
      const needed = [...dynamic.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1] as string);
      expect(needed.length, built.file).toBeGreaterThan(0);
      for (const lib of needed) expect(lib, `${built.variant.target}/${built.variant.file}`).toMatch(/^(libc\.so\.6|libm\.so\.6|ld-linux-[\w-]+\.so\.\d)$/);
    }
  });
});

describe.skipIf(crossBuilds.length === 0)('cross builds in a real worker', () => {
  it('prove stress-12, merkle-membership and a package opened from disk through the worker, each verified by snarkjs', { timeout: 900_000 }, async () => {
    const packageDir = path.join(tmp, 'merkle-package');
    await cp(path.dirname((await registry.resolve('merkle-membership')).files.zkeyPath), packageDir, { recursive: true });
    const opened = await openCircuitPackage(packageDir, { hashes: new FileHashCache(), unpackDir: path.join(tmp, 'unpacked') });
    const saved = { ...process.env };
    try {
      for (const built of crossBuilds) {
        process.env.ZKDESK_NATIVE_TARGET = built.variant.target;
        process.env.ZKDESK_NATIVE_LAUNCHER = built.prefix.join(' ');
        process.env.WINEDEBUG = '-all';
        const h = await makeHarness();
        try {
          const report = await h.prover.backend.current();
          expect(report, built.variant.target).toMatchObject({ backend: 'native', binary: `${built.variant.target}/${built.variant.file}`, field: 'portable' });
          for (const circuit of [await registry.resolve('stress-12'), await registry.resolve('merkle-membership'), opened]) {
            const id = circuit.manifest?.id ?? circuit.id;
            const result = await (await h.prover.submit({ circuit, input: await sampleInput(id) })).result;
            expect(result.backend, `${built.variant.target} ${circuit.id}`).toBe('native');
            expect(await verifiesWithSnarkjs(circuit, result), `${built.variant.target} ${circuit.id}`).toBe(true);
          }
        } finally {
          await h.close();
        }
      }
    } finally {
      process.env = saved;
    }
  });
});

describe.skipIf(runnable.length === 0)('each build dies with whoever holds its stdin', () => {
  it('stops mid-proof when stdin closes (--watch-stdin), on every build', { timeout: 300_000 }, async () => {
    for (const built of runnable) {
      const zkey = (await registry.resolve('stress-14')).files.zkeyPath;
      const [command, ...args] = [...built.prefix, built.file, '--watch-stdin', zkey, '-'];
      const child = spawn(command as string, args, { env: { ...process.env, WINEDEBUG: '-all' }, stdio: ['pipe', 'ignore', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // The witness, but stdin stays open, as the worker keeps it.
      child.stdin.write(witnesses.get('stress-14'));
      await new Promise<void>((resolve) => {
        let seen = '';
        child.stderr.setEncoding('utf8').on('data', (c: string) => {
          seen += c;
          if (seen.includes('@progress')) resolve();
        });
      });
      child.stdin.end();
      // 3: gone because its parent is; a finished proof would exit 0.
      expect(await exited, `${built.variant.target}/${built.variant.file}`).toBe(3);
    }
  });
});
