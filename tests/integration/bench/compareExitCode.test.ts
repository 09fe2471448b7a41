// `npm run bench -- --compare` as CI runs it, on a saved run (--from) so nothing is measured:
// the real bench script, the real baseline file format, its exit code and its verdict lines.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFromRun, writeBaseline } from '../../../bench/baselineFile.js';
import { benchRunSchema, type BenchRunData } from '../../../common/profiler/benchRunTypes.js';

const run = promisify(execFile);
const root = path.join(import.meta.dirname, '..', '..', '..');
const bench = path.join(root, 'dist', 'bench', 'provingBench.js');
const fixtures = path.join(root, 'tests', 'fixtures', 'bench');

async function compare(from: string, baselines: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [bench, '--compare', '--from', from, '--baselines', baselines]);
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '' };
  }
}

describe('npm run bench -- --compare', () => {
  let dir: string;
  let noise: BenchRunData;
  const noiseFile = path.join(fixtures, 'run-noise.json');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-baselines-'));
    noise = benchRunSchema.parse(JSON.parse(await readFile(noiseFile, 'utf8')));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes against the baseline the same code measured, with a verdict line per measurement', async () => {
    const baselines = path.join(dir, 'true');
    await writeBaseline(baselines, baselineFromRun(benchRunSchema.parse(JSON.parse(await readFile(path.join(fixtures, 'run-baseline.json'), 'utf8'))), '2026-12-04T00:00:00.000Z'));
    const { code, stdout } = await compare(noiseFile, baselines);
    const measured = noise.results.flatMap((r) => (r.passes ?? []).flatMap((p) => p.measurements)).length;
    const verdicts = stdout.split('\n').filter((l) => /^ {2}(REGRESSION|improved|ok \(noise\)|too few samples|no baseline) /.test(l));
    expect(verdicts).toHaveLength(measured);
    expect(stdout).toContain('no regression');
    expect(code).toBe(0);
  });

  it('exits non-zero against a planted baseline in which zkdesk was faster, naming the regression', async () => {
    const baselines = path.join(dir, 'planted');
    const planted = baselineFromRun(benchRunSchema.parse(JSON.parse(await readFile(path.join(fixtures, 'run-baseline.json'), 'utf8'))), '2026-12-04T00:00:00.000Z');
    // zkdesk three times as fast against snarkjs warm on stress-12 (in every pass) as it really was: today reads as a regression.
    for (const m of planted.measurements) if (m.circuit === 'stress-12' && m.id === 'warm-vs-snarkjs') m.ratios = m.ratios.map((r) => r / 3);
    await writeBaseline(baselines, planted);
    const { code, stdout } = await compare(noiseFile, baselines);
    expect(code).toBe(1);
    expect(stdout).toMatch(/REGRESSION {7}stress-12 warm-vs-snarkjs \(quiet/);
    expect(stdout.match(/REGRESSION/g)).toHaveLength(1);
  });

  it('says in one line that a machine class has no baseline, and passes', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    const { code, stdout } = await compare(noiseFile, empty);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l.includes('no baseline for machine class'))).toHaveLength(1);
  });

  it('refuses a damaged baseline instead of passing quietly', async () => {
    const damaged = path.join(dir, 'damaged');
    await mkdir(damaged, { recursive: true });
    await writeFile(path.join(damaged, `${noise.machineClass?.id}.json`), '{"formatVersion": 1');
    const { code } = await compare(noiseFile, damaged);
    expect(code).not.toBe(0);
  });
});
