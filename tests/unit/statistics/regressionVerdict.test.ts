// The statistics the bench decides regressions with, on samples recorded by `npm run bench` on
// the project's 2-core machine while other engineers shared it (tests/fixtures/bench/):
//   run-baseline.json — the run saved as this machine class's baseline;
//   run-noise.json    — the same code measured again later: only noise separates it from the baseline;
//   run-slower.json   — zkdesk's native prover started through a wrapper that proves twice and
//                       answers with the second: a real, planted 2× slower prover.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentile, summarize, median } from '../../../common/statistics/percentiles.js';
import { mannWhitney } from '../../../common/statistics/mannWhitney.js';
import { bootstrapMedian, bootstrapMedianRatio } from '../../../common/statistics/bootstrap.js';
import { regressionVerdict } from '../../../common/statistics/regressionVerdict.js';
import { benchRunSchema, type BenchRunData } from '../../../common/profiler/benchRunTypes.js';

const fixtures = path.join(import.meta.dirname, '..', '..', 'fixtures', 'bench');
const load = (name: string): BenchRunData => benchRunSchema.parse(JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')));

function ratios(run: BenchRunData, circuit: string, id: string, condition = 'quiet'): number[] {
  const pass = run.results.find((r) => r.circuit === circuit)?.passes?.find((p) => p.condition === condition);
  const m = pass?.measurements.find((x) => x.id === id);
  if (!m) throw new Error(`${circuit} ${id} ${condition} is not in the fixture`);
  return m.ratios;
}

describe('percentiles', () => {
  it('interpolates between ranks, so p95 of a small sample is not just its maximum', () => {
    const ms = [100, 110, 120, 130, 140, 150, 160, 170, 180, 400];
    expect(percentile(ms, 50)).toBe(145);
    expect(median(ms)).toBe(145);
    expect(percentile(ms, 95)).toBeCloseTo(301, 6);
    expect(summarize(ms)).toEqual({ n: 10, p50: 145, p95: expect.closeTo(301, 6), max: 400 });
    expect(summarize([])).toBeNull();
  });
});

describe('Mann–Whitney and the bootstrap', () => {
  it('tell apart two samples that do not overlap, and not two halves of one sample', () => {
    const base = ratios(load('run-baseline.json'), 'stress-12', 'warm-vs-snarkjs');
    const shifted = base.map((r) => r * 2);
    expect(mannWhitney(shifted, base)?.pGreater).toBeLessThan(0.001);
    expect(mannWhitney(base, base)?.pGreater).toBeGreaterThan(0.4);
    const shift = bootstrapMedianRatio(shifted, base) as NonNullable<ReturnType<typeof bootstrapMedianRatio>>;
    expect(shift.estimate).toBeCloseTo(2, 6);
    expect(shift.low).toBeGreaterThan(1.1);
    const ci = bootstrapMedian(base) as NonNullable<ReturnType<typeof bootstrapMedian>>;
    expect(ci.low).toBeLessThanOrEqual(ci.estimate);
    expect(ci.high).toBeGreaterThanOrEqual(ci.estimate);
  });
});

describe('regression verdict on recorded bench runs', () => {
  const baseline = load('run-baseline.json');
  const noise = load('run-noise.json');
  const slower = load('run-slower.json');

  for (const circuit of ['stress-12', 'merkle-membership']) {
    for (const id of ['warm-vs-snarkjs', 'cold-vs-snarkjs', 'native-vs-rapidsnark']) {
      it(`${circuit} ${id}: a later run of the same code is not a regression`, () => {
        expect(regressionVerdict(ratios(noise, circuit, id), ratios(baseline, circuit, id)).kind).not.toBe('regression');
      });
    }
  }

  it('a prover twice as slow is a regression against snarkjs warm and against rapidsnark', () => {
    for (const id of ['warm-vs-snarkjs', 'native-vs-rapidsnark']) {
      const verdict = regressionVerdict(ratios(slower, 'stress-12', id), ratios(baseline, 'stress-12', id));
      expect(verdict.kind, id).toBe('regression');
      expect(verdict.shift?.low).toBeGreaterThan(1.1);
    }
  });

  it('a slower run is not mistaken for an improvement, and the same samples read as unchanged', () => {
    const base = ratios(baseline, 'stress-12', 'warm-vs-snarkjs');
    expect(regressionVerdict(base, ratios(slower, 'stress-12', 'warm-vs-snarkjs')).kind).toBe('improvement');
    expect(regressionVerdict(base, base).kind).toBe('unchanged');
  });

  it('gives no verdict on too few samples', () => {
    const base = ratios(baseline, 'stress-12', 'warm-vs-snarkjs');
    expect(regressionVerdict(base.slice(0, 3), base).kind).toBe('too-few-samples');
  });
});
