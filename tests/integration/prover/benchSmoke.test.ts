// `npm run bench` in its smallest form (stress-12, one round, no loaded pass): all contestants
// run on the same circuit and input — rapidsnark and zkdesk's native prover on the same witness
// file too, where the reference rapidsnark is beside the checkout — each with n/p50/p95/max, the
// ratios are printed and the JSON lands under the data dir. Numbers are not judged here; that is
// the benchmark's job.
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';
import { locateNativeProver } from '../../../native-workers/nativeGroth16.js';

const run = promisify(execFile);
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bench-smoke-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe('proving benchmark', () => {
  it('one round on stress-12 measures a, b, c and d (and rapidsnark beside the native prover), prints the ratios and saves its JSON', async () => {
    const script = path.join(projectRoot(), 'dist', 'bench', 'provingBench.js');
    const rapidsnark = path.resolve(projectRoot(), '..', 'shared', 'bench', 'rapidsnark', 'prover');
    const withRapidsnark = existsSync(rapidsnark) && locateNativeProver() !== null;
    const { stdout } = await run(process.execPath, [script, '--only', 'stress-12', '--rounds', '1', '--no-load', '--data-dir', dataDir, ...(withRapidsnark ? ['--rapidsnark', rapidsnark] : [])]);
    const contestants = ['a_snarkjsCold', 'b_snarkjsWarm', 'c_zkdeskWarm', 'd_zkdeskCold', ...(withRapidsnark ? ['e_nativeProve', 'f_rapidsnarkProve'] : [])];
    for (const who of contestants) expect(stdout).toMatch(new RegExp(`${who}\\s+n 1\\s+p50\\s+\\d+ ms\\s+p95\\s+\\d+ ms\\s+max\\s+\\d+ ms\\s+peak MiB p50 \\d`));
    expect(stdout).toMatch(/c\/b = \d+\.\d+ .* a\/c = \d+\.\d+ .* d\/a = \d+\.\d+/);
    if (withRapidsnark) expect(stdout).toMatch(/native-vs-rapidsnark\s+e_nativeProve\/f_rapidsnarkProve: p50 \d/);

    const [saved] = await readdir(path.join(dataDir, 'bench'));
    const report = JSON.parse(await readFile(path.join(dataDir, 'bench', saved ?? ''), 'utf8')) as {
      results: Array<{ circuit: string; rounds: number; summary: Record<string, { medianMs: number; peakRssBytes: number }>; ratios: { cOverB: number; aOverC: number } }>;
    };
    expect(report.results.map((r) => [r.circuit, r.rounds])).toEqual([['stress-12', 1]]);
    const [result] = report.results;
    expect(Object.keys(result?.summary ?? {}).sort()).toEqual(['a_snarkjsCold', 'b_snarkjsWarm', 'c_zkdeskWarm', 'd_zkdeskCold']);
    for (const entry of Object.values(result?.summary ?? {})) {
      expect(entry.medianMs).toBeGreaterThan(0);
      expect(entry.peakRssBytes).toBeGreaterThan(0);
    }
    expect(result?.ratios.cOverB).toBeGreaterThan(0);
    expect(result?.ratios.aOverC).toBeGreaterThan(0);
    // Six contestants a round on a busy 2-core machine: a ceiling, not a measurement.
  }, 300_000);
});
