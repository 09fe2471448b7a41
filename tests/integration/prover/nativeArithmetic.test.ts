// The native prover's own arithmetic (native-prover/msm.hpp, coset_fft.hpp, thread_pool.hpp)
// against the plain definitions, on the real generated field: dist/native/zkdesk-arithmetic-selftest
// compares every MSM (G1 and G2, each window width, 1, 3 and 32 threads, zeros, ones, r−1,
// repeated and cancelling points, the point at infinity) with Σ sᵢ·Pᵢ one term at a time, and the
// coset FFT with direct evaluation. Proofs of every bundled circuit are checked in nativeProver.test.ts.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';
import { locateNativeProver } from '../../../native-workers/nativeGroth16.js';

const selftest = path.join(projectRoot(), 'dist', 'native', 'zkdesk-arithmetic-selftest');
const built = locateNativeProver() !== null && existsSync(selftest);
if (!built) {
  if (process.env.ZKDESK_REQUIRE_NATIVE === '1') throw new Error('ZKDESK_REQUIRE_NATIVE=1 but dist/native/zkdesk-arithmetic-selftest is missing');
  console.log('Native arithmetic tests skipped: dist/native/zkdesk-arithmetic-selftest was not built here (see `npm run build:native`).');
}

describe.skipIf(!built)('native MSM and FFT', () => {
  it('agree with the plain sums and evaluations on random and edge-case inputs', async () => {
    const { stdout } = await promisify(execFile)(selftest, { maxBuffer: 1 << 24 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    const lines = stdout.trim().split('\n');
    expect(lines.filter((line) => !line.startsWith('ok ')).join('\n')).toBe('arithmetic self-test passed');
    // Every kind of check ran, not just some.
    for (const kind of ['G1 msm n=300', 'G1 msm suffix', 'G2 msm n=100', 'threads=32', 'coset fft n=512 threads=5']) {
      expect(lines.some((line) => line.startsWith('ok ') && line.includes(kind)), kind).toBe(true);
    }
  }, 120_000);
});
