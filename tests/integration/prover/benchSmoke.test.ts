// `npm run bench` in its smallest form (stress-12, one round): all four contestants run on
// the same circuit and input, the ratios are printed and the JSON lands under the data dir.
// Numbers are not judged here; that is the benchmark's job.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';

const run = promisify(execFile);
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bench-smoke-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe('proving benchmark', () => {
  it('one round on stress-12 measures a, b, c and d, prints both ratios and saves its JSON', async () => {
    const script = path.join(projectRoot(), 'dist', 'bench', 'provingBench.js');
    const { stdout } = await run(process.execPath, [script, '--only', 'stress-12', '--rounds', '1', '--data-dir', dataDir]);
    for (const who of ['a_snarkjsCold', 'b_snarkjsWarm', 'c_zkdeskWarm', 'd_zkdeskCold']) expect(stdout).toMatch(new RegExp(`${who}\\s+median \\d`));
    expect(stdout).toMatch(/c\/b = \d+\.\d+ .* a\/c = \d+\.\d+/);

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
  });
});
