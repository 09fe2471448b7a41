// The performance objectives of docs/performance.md that a proving run can check. Each reads the
// run's own samples; one the run did not measure (no rapidsnark path, a circuit left out) says so
// instead of passing. Absolute objectives are for a quiet machine; the ratio objectives hold on
// any machine, because both sides were measured in the same rounds.
import { percentile } from '../common/statistics/percentiles.js';
import type { BenchPass, BenchRunData } from '../common/profiler/benchRunTypes.js';

export interface ObjectiveCheck {
  id: string;
  title: string;
  measured: string;
  met: boolean | null;
}

type Result = BenchRunData['results'][number];

function passOf(result: Result | undefined, condition: 'quiet' | 'loaded'): BenchPass | undefined {
  return result?.passes?.find((p) => p.condition === condition);
}

function samples(pass: BenchPass | undefined, who: string): number[] {
  const c = pass?.contestants[who];
  return c?.samplesMs ?? [];
}

const notMeasured = (id: string, title: string, why: string): ObjectiveCheck => ({ id, title, measured: `not measured: ${why}`, met: null });

/** Warm 2^12 proof p95 (zkdesk's pool, the worker already started, verification included). */
export const WARM_2_12_P95_MS = 500;
/** Cold `zkdesk prove` p95 against cold `snarkjs groth16 fullprove` p95 at 2^12. */
export const COLD_PROVE_RATIO = 0.5;
/** Native prove p50 against rapidsnark's on the same key and witness. */
export const NATIVE_VS_RAPIDSNARK = 0.9;
export const NATIVE_PEAK_VS_RAPIDSNARK = 1.1;

export function checkProvingObjectives(run: BenchRunData): ObjectiveCheck[] {
  const byId = new Map(run.results.map((r) => [r.circuit, r]));
  const checks: ObjectiveCheck[] = [];
  const s12 = passOf(byId.get('stress-12'), 'quiet');

  const warm = samples(s12, 'c_zkdeskWarm');
  const warmTitle = `warm 2^12 proof p95 ≤ ${WARM_2_12_P95_MS} ms`;
  if (warm.length === 0) checks.push(notMeasured('warm-2^12-p95', warmTitle, 'stress-12 was not run'));
  else {
    const p95 = percentile(warm, 95) as number;
    checks.push({ id: 'warm-2^12-p95', title: warmTitle, measured: `${Math.round(p95)} ms (n ${warm.length})`, met: p95 <= WARM_2_12_P95_MS });
  }

  const coldTitle = `cold \`zkdesk prove\` p95 ≤ ${COLD_PROVE_RATIO}× cold \`snarkjs groth16 fullprove\` p95 at 2^12`;
  const cold = samples(s12, 'd_zkdeskCold');
  const snark = samples(s12, 'a_snarkjsCold');
  if (cold.length === 0 || snark.length === 0) checks.push(notMeasured('cold-prove-vs-snarkjs', coldTitle, 'stress-12 was not run'));
  else {
    const ratio = (percentile(cold, 95) as number) / (percentile(snark, 95) as number);
    checks.push({ id: 'cold-prove-vs-snarkjs', title: coldTitle, measured: `${ratio.toFixed(2)}× (${Math.round(percentile(cold, 95) as number)} / ${Math.round(percentile(snark, 95) as number)} ms)`, met: ratio <= COLD_PROVE_RATIO });
  }

  for (const result of run.results) {
    const quiet = passOf(result, 'quiet');
    const m = quiet?.measurements.find((x) => x.id === 'native-vs-rapidsnark');
    const title = `${result.circuit}: native prove p50 ≤ ${NATIVE_VS_RAPIDSNARK}× rapidsnark, peak ≤ ${NATIVE_PEAK_VS_RAPIDSNARK}×`;
    if (!m) {
      checks.push(notMeasured(`native-vs-rapidsnark/${result.circuit}`, title, 'no --rapidsnark path, or no native prover here'));
      continue;
    }
    const met = m.ratio.p50 <= NATIVE_VS_RAPIDSNARK && (m.peakRatio === null || m.peakRatio <= NATIVE_PEAK_VS_RAPIDSNARK);
    checks.push({ id: `native-vs-rapidsnark/${result.circuit}`, title, measured: `time ${m.ratio.p50.toFixed(2)}×, peak ${m.peakRatio === null ? 'unknown' : `${m.peakRatio.toFixed(2)}×`}`, met });

    const loaded = passOf(result, 'loaded');
    const slowdown = (who: string) => {
      const q = percentile(samples(quiet, who), 50);
      const l = percentile(samples(loaded, who), 50);
      return q && l ? l / q : null;
    };
    const native = slowdown('e_nativeProve');
    const rapid = slowdown('f_rapidsnarkProve');
    const loadTitle = `${result.circuit}: under busy loops native slows no more than rapidsnark`;
    if (native === null || rapid === null) checks.push(notMeasured(`native-under-load/${result.circuit}`, loadTitle, 'no loaded pass'));
    else checks.push({ id: `native-under-load/${result.circuit}`, title: loadTitle, measured: `native ${native.toFixed(2)}×, rapidsnark ${rapid.toFixed(2)}×`, met: native <= rapid });
  }
  return checks;
}

/** An absolute objective on a sample's p95 (profile collection, first paint): for a quiet machine. */
export function checkP95(id: string, title: string, samplesMs: readonly number[], limitMs: number): ObjectiveCheck {
  const p95 = percentile(samplesMs, 95);
  if (p95 === null) return notMeasured(id, title, 'no samples');
  return { id, title, measured: `p95 ${Math.round(p95)} ms (n ${samplesMs.length})`, met: p95 <= limitMs };
}

export function objectiveLine(check: ObjectiveCheck): string {
  const word = check.met === null ? 'not measured' : check.met ? 'met' : 'MISSED';
  return `  ${word.padEnd(12)} ${check.title}: ${check.measured.replace(/^not measured: /, '')}`;
}
