// Predicts a proof's time per stage and its peak memory before it starts. The model is the
// work groth16_prove does (snarkjs src/groth16_prove.js): G1 multi-scalar multiplications over
// the A, B1 and C points (about one per wire) and the H points (one per domain row), one G2
// multiplication over the B2 points, and three inverse+forward FFT pairs over the domain.
// Each operation's cost on this machine comes from calibration (interpolated between the
// measured sizes in log-log space). Real circuits have many zero points, so the sum
// over-predicts by a steady factor: the factor is measured on a real reference proof at
// calibration, then refined from recent jobs (this circuit's own first). Simple on purpose:
// every input is shown.
import { estimatePeakMemoryBytes } from './memoryEstimate.js';
import type { JobRecord } from '../../../common/prover/proverTypes.js';
import type { Calibration, CircuitShape, EstimateBreakdown } from '../../../common/profiler/calibrationTypes.js';
import { median } from '../../../common/statistics/percentiles.js';
import { machineBackend } from '../../../native-workers/nativeGroth16.js';

interface Point {
  power: number;
  ms: number;
}

/** Cost at 2^power, by straight lines between measured sizes on log-log axes (extrapolated at the ends). */
export function interpolateCost(points: Point[], size: number): number {
  const sorted = [...points].filter((p) => p.ms > 0).sort((a, b) => a.power - b.power);
  if (sorted.length === 0) return 0;
  if (sorted.length === 1) return (sorted[0] as Point).ms * (size / 2 ** (sorted[0] as Point).power);
  const x = Math.log2(Math.max(size, 1));
  let lo = sorted[0] as Point;
  let hi = sorted[1] as Point;
  for (let i = 1; i < sorted.length; i++) {
    lo = sorted[i - 1] as Point;
    hi = sorted[i] as Point;
    if (x <= hi.power) break;
  }
  const slope = (Math.log2(hi.ms) - Math.log2(lo.ms)) / (hi.power - lo.power);
  return 2 ** (Math.log2(lo.ms) + slope * (x - lo.power));
}

export function modelProveCost(calibration: Calibration, shape: Pick<CircuitShape, 'wires' | 'domainPower' | 'publicSignals'>): NonNullable<EstimateBreakdown['model']> {
  const domain = 2 ** shape.domainPower;
  const privateWires = Math.max(1, shape.wires - shape.publicSignals - 1);
  const g1MsmMs = 2 * interpolateCost(calibration.g1Msm, shape.wires) + interpolateCost(calibration.g1Msm, privateWires) + interpolateCost(calibration.g1Msm, domain);
  const g2MsmMs = interpolateCost(calibration.g2Msm, shape.wires);
  const fftMs = 3 * interpolateCost(calibration.fft, domain);
  return { g1MsmMs, g2MsmMs, fftMs, modelProveMs: g1MsmMs + g2MsmMs + fftMs };
}


/**
 * Recent verified jobs that carry their circuit's size, proved by the same prover as the
 * calibration's reference proof (records from before there were two were snarkjs's): the
 * history the model learns from.
 */
function usableHistory(calibration: Calibration, history: readonly JobRecord[]): JobRecord[] {
  const backend = calibration.backend ?? 'snarkjs';
  return history
    .filter((r) => r.outcome === 'verified' && r.wires && r.domainPower && r.timings.proveMs > 0 && (r.backend ?? 'snarkjs') === backend)
    .slice(-HISTORY_WINDOW);
}

/** How many recent jobs refine the correction factor. */
export const HISTORY_WINDOW = 50;
/** Below this many jobs, the reference proof's factor stands alone. */
export const MIN_HISTORY_JOBS = 3;

function ratioToModel(calibration: Calibration, records: readonly JobRecord[]): number[] {
  return records.map((r) => {
    const model = modelProveCost(calibration, { wires: r.wires as number, domainPower: r.domainPower as number, publicSignals: r.publicSignals ?? 1 });
    return r.timings.proveMs / model.modelProveMs;
  });
}

/**
 * How far real proofs sit from the model, from the most specific evidence there is: this
 * circuit's own recent proofs, then all recent proofs on this machine, then the reference proof
 * made at calibration. A circuit's own factor absorbs what the model leaves out for it (fixed
 * costs that dominate tiny circuits, unusually sparse keys).
 */
export function correctionFactor(calibration: Calibration, history: readonly JobRecord[], zkeySha256: string | null = null): EstimateBreakdown['correction'] {
  const usable = usableHistory(calibration, history);
  const own = zkeySha256 ? usable.filter((r) => r.circuitSha256 === zkeySha256) : [];
  if (own.length >= MIN_HISTORY_JOBS) return { factor: median(ratioToModel(calibration, own)) as number, source: `median of ${own.length} recent proofs of this circuit` };
  if (usable.length >= MIN_HISTORY_JOBS) return { factor: median(ratioToModel(calibration, usable)) as number, source: `median of ${usable.length} recent jobs on this machine` };
  const factor = referenceFactor(calibration);
  return factor === null ? null : { factor, source: `reference proof of ${calibration.reference?.circuitId} at calibration` };
}

/** How far the calibration's own reference proof sat from the model: null without one. */
function referenceFactor(calibration: Calibration): number | null {
  const ref = calibration.reference;
  if (!ref) return null;
  const model = modelProveCost(calibration, ref).modelProveMs;
  return model > 0 ? ref.proveMs / model : null;
}

/**
 * The prove stage as the calibration alone predicts it (the model times the reference proof's
 * factor, no job history): what this machine did when it was measured, so proofs that drift
 * away from it show the machine has changed since.
 */
export function calibrationProveMs(calibration: Calibration, shape: Pick<CircuitShape, 'wires' | 'domainPower' | 'publicSignals'>): number | null {
  const factor = referenceFactor(calibration);
  return factor === null ? null : modelProveCost(calibration, shape).modelProveMs * factor;
}

export function estimateProof(shape: CircuitShape, calibration: Calibration | null, history: readonly JobRecord[] = []): EstimateBreakdown {
  // Memory and stage times differ between the two provers: learn from proofs made by the one in use.
  // A calibration from before the native prover was made with snarkjs.
  const backend = calibration ? (calibration.backend ?? 'snarkjs') : machineBackend();
  const sameCircuit = shape.zkeySha256
    ? history.filter((r) => r.outcome === 'verified' && r.circuitSha256 === shape.zkeySha256 && (r.backend ?? 'snarkjs') === backend)
    : [];
  const inputs = { wires: shape.wires, domainPower: shape.domainPower, publicSignals: shape.publicSignals, zkeyBytes: shape.zkeyBytes, threads: calibration?.threads ?? null };

  const formulaPeak = estimatePeakMemoryBytes({ wires: shape.wires, zkeyBytes: shape.zkeyBytes }, calibration?.threads ?? 2, backend);
  const seenPeak = median(sameCircuit.map((r) => r.peakRssBytes ?? 0).filter((b) => b > 0));
  const peakMemoryBytes = seenPeak !== null ? Math.round(seenPeak * 1.1) : formulaPeak;
  const memoryBasis = seenPeak !== null ? `median peak of ${sameCircuit.length} earlier proofs of this circuit, plus 10 %` : 'formula from the proving key size (no earlier proof of this circuit)';

  if (!calibration) {
    return {
      witnessMs: 0,
      proveMs: 0,
      verifyMs: 0,
      totalMs: 0,
      peakMemoryBytes,
      inputs,
      model: null,
      correction: null,
      basis: { time: 'no calibration yet: run `zkdesk calibrate`', memory: memoryBasis },
    };
  }

  const model = modelProveCost(calibration, shape);
  const correction = correctionFactor(calibration, history, shape.zkeySha256);
  const proveMs = model.modelProveMs * (correction?.factor ?? 1);
  const witnessFromHistory = median(sameCircuit.map((r) => r.timings.witnessMs));
  const verifyFromHistory = median(sameCircuit.map((r) => r.timings.verifyMs));
  const witnessRate = calibration.witnessSpeed ? calibration.witnessSpeed.ms / calibration.witnessSpeed.wires : 0;
  const witnessMs = witnessFromHistory ?? shape.wires * witnessRate;
  // A Groth16 verify is a pairing product of four terms plus a small MSM over public signals.
  const verifyMs = verifyFromHistory ?? 4 * calibration.pairingMs + interpolateCost(calibration.g1Msm, Math.max(1, shape.publicSignals));

  return {
    witnessMs,
    proveMs,
    verifyMs,
    totalMs: witnessMs + proveMs + verifyMs,
    peakMemoryBytes,
    inputs,
    model,
    correction,
    basis: {
      time: `calibration of ${calibration.measuredAt.slice(0, 10)} × correction (${correction?.source ?? 'none'})`,
      memory: memoryBasis,
    },
  };
}
