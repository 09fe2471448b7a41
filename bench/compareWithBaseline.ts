// `--compare`: one verdict line per measurement of a run against its machine class's baseline,
// and whether any of them is a regression (the bench then exits non-zero). Each measurement is
// compared with the baseline pass measured under the most similar background load, because a
// busy machine moves some ratios for real (an OpenMP prover loses more to stolen cores than
// snarkjs's workers do): like is compared with like, and the statistics judge the rest.
import { regressionVerdict, type RegressionVerdict, type VerdictOptions } from '../common/statistics/regressionVerdict.js';
import { median } from '../common/statistics/percentiles.js';
import type { BenchRunData } from '../main/services/profiler/benchRunTypes.js';
import type { Baseline, BaselineMeasurement } from './baselineFile.js';

export interface ComparedMeasurement {
  circuit: string;
  id: string;
  condition: 'quiet' | 'loaded';
  backgroundLoad: number | null;
  description: string;
  baseline: BaselineMeasurement | null;
  verdict: RegressionVerdict | null;
}

export interface Comparison {
  lines: string[];
  regressions: number;
  compared: ComparedMeasurement[];
}

function nearestByLoad(candidates: BaselineMeasurement[], busy: number | null): BaselineMeasurement | null {
  const load = (b: number | null) => b ?? 0;
  return [...candidates].sort((x, y) => Math.abs(load(x.backgroundLoad) - load(busy)) - Math.abs(load(y.backgroundLoad) - load(busy)))[0] ?? null;
}

const fixed = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const cores = (b: number | null) => (b === null ? 'load unknown' : `load ${b.toFixed(1)}`);

function line(c: ComparedMeasurement, current: number[]): string {
  const label = `${c.circuit} ${c.id} (${c.condition}, ${cores(c.backgroundLoad)})`;
  if (!c.baseline || !c.verdict) return `no baseline      ${label}: this measurement is not in the baseline`;
  const v = c.verdict;
  const ratios = `ratio p50 ${fixed(median(current), 3)} vs baseline ${fixed(median(c.baseline.ratios), 3)} (${cores(c.baseline.backgroundLoad)})`;
  if (v.kind === 'too-few-samples') return `too few samples  ${label}: ${v.nCurrent} now, ${v.nBaseline} in the baseline; no verdict`;
  const shift = v.shift as NonNullable<RegressionVerdict['shift']>;
  const evidence = `${ratios}; shift ${fixed(shift.estimate)}× [${fixed(shift.low)}–${fixed(shift.high)}, 95 %], Mann–Whitney p(worse) ${fixed(v.pWorse, 4)}, n ${v.nCurrent}/${v.nBaseline}`;
  const word = { regression: 'REGRESSION      ', improvement: 'improved        ', unchanged: 'ok (noise)      ' }[v.kind];
  return `${word} ${label}: ${evidence}`;
}

export function compareWithBaseline(run: BenchRunData, baseline: Baseline, options: VerdictOptions = {}): Comparison {
  const compared: ComparedMeasurement[] = [];
  const lines: string[] = [];
  for (const result of run.results) {
    for (const pass of result.passes ?? []) {
      for (const m of pass.measurements) {
        const candidates = baseline.measurements.filter((b) => b.circuit === result.circuit && b.id === m.id);
        const chosen = nearestByLoad(candidates, pass.backgroundLoad);
        const c: ComparedMeasurement = {
          circuit: result.circuit,
          id: m.id,
          condition: pass.condition,
          backgroundLoad: pass.backgroundLoad,
          description: m.description,
          baseline: chosen,
          verdict: chosen ? regressionVerdict(m.ratios, chosen.ratios, options) : null,
        };
        compared.push(c);
        lines.push(line(c, m.ratios));
      }
    }
  }
  return { lines, regressions: compared.filter((c) => c.verdict?.kind === 'regression').length, compared };
}
