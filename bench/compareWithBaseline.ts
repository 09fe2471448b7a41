// `--compare`: one verdict line per measurement of a run against its machine class's baseline,
// and whether any of them is a regression (the bench then exits non-zero). A baseline may hold a
// measurement under several conditions (as the machine was, and with the bench's own busy loops),
// and a shared machine's load moves some ratios for real: the load of other engineers' work did
// not predict which (measured on our machine, a run queue of 20 moved the native/rapidsnark ratio
// like the quiet pass, our own busy loops like the loaded one). So a run is held against the most
// lenient condition the baseline saw (its largest median ratio): a regression must be worse than
// zkdesk ever was in the baseline run, beyond noise, which keeps a busy CI machine from failing a
// release while a prover that got clearly slower still fails it.
import { regressionVerdict, type RegressionVerdict, type VerdictOptions } from '../common/statistics/regressionVerdict.js';
import { median } from '../common/statistics/percentiles.js';
import type { BenchRunData } from '../common/profiler/benchRunTypes.js';
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

/** The baseline pass zkdesk looked worst in: the reference a regression must clearly exceed. */
function mostLenient(candidates: BaselineMeasurement[]): BaselineMeasurement | null {
  return [...candidates].sort((x, y) => (median(y.ratios) as number) - (median(x.ratios) as number))[0] ?? null;
}

const fixed = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const cores = (b: number | null) => (b === null ? 'load unknown' : `load ${b.toFixed(1)}`);

function line(c: ComparedMeasurement, current: number[]): string {
  const label = `${c.circuit} ${c.id} (${c.condition}, ${cores(c.backgroundLoad)})`;
  if (!c.baseline || !c.verdict) return `no baseline      ${label}: this measurement is not in the baseline`;
  const v = c.verdict;
  const ratios = `ratio p50 ${fixed(median(current), 3)} vs baseline ${fixed(median(c.baseline.ratios), 3)} (its ${c.baseline.condition} pass, ${cores(c.baseline.backgroundLoad)})`;
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
        const chosen = mostLenient(candidates);
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
