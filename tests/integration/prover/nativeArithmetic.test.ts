// The native prover's own arithmetic (native-prover/msm.hpp, coset_fft.hpp, thread_pool.hpp)
// against the plain definitions, on each build's real field (asm and portable, and the cross
// builds under qemu-user or wine where they are installed): zkdesk-arithmetic-selftest, built
// beside each prover, compares every MSM (G1 and G2, each window width, 1, 3 and 32 threads,
// zeros, ones, r−1, repeated and cancelling points, the point at infinity) with Σ sᵢ·Pᵢ one term
// at a time, and the coset FFT with direct evaluation. Proofs of every bundled circuit are checked
// in nativeProver.test.ts and nativeBuilds.test.ts.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runnableNativeBuilds } from '../../support/nativeBuilds.js';

const selftests = runnableNativeBuilds('Native arithmetic test').map((built) => ({
  name: `${built.variant.target}/${built.variant.file}`,
  file: path.join(path.dirname(built.file), built.variant.file.replace('zkdesk-groth16', 'zkdesk-arithmetic-selftest')),
  prefix: built.prefix,
}));
if (selftests.length === 0) console.log('Native arithmetic tests skipped: no native build runs here (see `npm run build:native`).');

describe.skipIf(selftests.length === 0)('native MSM and FFT', () => {
  it.each(selftests)('agree with the plain sums and evaluations on random and edge-case inputs: $name', async ({ file, prefix }) => {
    expect(existsSync(file), `${file} was built beside its prover`).toBe(true);
    const [command, ...args] = [...prefix, file];
    const { stdout } = await promisify(execFile)(command as string, args, { maxBuffer: 1 << 24 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    const lines = stdout.trim().split(/\r?\n/);
    expect(lines.filter((line) => !line.startsWith('ok ')).join('\n')).toBe('arithmetic self-test passed');
    // Every kind of check ran, not just some.
    for (const kind of ['G1 msm n=300', 'G1 msm suffix', 'G2 msm n=100', 'threads=32', 'coset fft n=512 threads=5']) {
      expect(lines.some((line) => line.startsWith('ok ') && line.includes(kind)), kind).toBe(true);
    }
  }, 600_000);
});
