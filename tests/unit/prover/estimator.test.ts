import { describe, expect, it } from 'vitest';
import { correctionFactor, estimateProof, interpolateCost, modelProveCost } from '../../../main/services/prover/estimator.js';
import type { Calibration } from '../../../common/profiler/calibrationTypes.js';
import { calibration } from '../../support/calibrationFixture.js';
import type { JobRecord } from '../../../common/prover/proverTypes.js';


const stress14 = { circuitId: 'stress-14', zkeySha256: 'b'.repeat(64), constraints: 16320, wires: 16323, domainPower: 14, publicSignals: 2, zkeyBytes: 7_709_096 };

function job(over: Partial<JobRecord>): JobRecord {
  return {
    jobId: 'j',
    circuitId: 'stress-14',
    circuitSha256: 'b'.repeat(64),
    constraints: 16320,
    domainPower: 14,
    wires: 16323,
    publicSignals: 2,
    zkeyBytes: 7_709_096,
    outcome: 'verified',
    timings: { queuedMs: 0, witnessMs: 12, proveMs: 2300, verifyMs: 30, totalMs: 2350 },
    peakRssBytes: 210e6,
    memoryCapBytes: null,
    workerPid: 1,
    submittedAt: '',
    startedAt: '',
    finishedAt: '',
    ...over,
  };
}

describe('interpolateCost', () => {
  it('hits measured points and interpolates between them in log-log space', () => {
    expect(interpolateCost(calibration.g1Msm, 2 ** 12)).toBeCloseTo(130, 5);
    const mid = interpolateCost(calibration.g1Msm, 2 ** 13);
    expect(mid).toBeGreaterThan(130);
    expect(mid).toBeLessThan(420);
    expect(mid).toBeCloseTo(Math.sqrt(130 * 420), 5);
  });

  it('extrapolates beyond the largest size along the last slope', () => {
    const at16 = interpolateCost(calibration.g1Msm, 2 ** 16);
    expect(at16).toBeCloseTo(420 * (420 / 130), 3);
  });
});

describe('estimateProof', () => {
  it('scales the model by the reference proof so the reference circuit is predicted exactly', () => {
    const e = estimateProof({ ...stress14, circuitId: 'stress-12', zkeySha256: null, wires: 4035, domainPower: 12, zkeyBytes: 1_909_160 }, calibration);
    expect(e.proveMs).toBeCloseTo(650, 5);
    expect(e.correction?.source).toContain('reference proof');
  });

  it('predicts a bigger circuit slower, and shows its inputs', () => {
    const small = estimateProof({ ...stress14, wires: 4035, domainPower: 12, zkeyBytes: 1_909_160 }, calibration);
    const big = estimateProof(stress14, calibration);
    expect(big.proveMs).toBeGreaterThan(2 * small.proveMs);
    expect(big.inputs).toMatchObject({ wires: 16323, domainPower: 14, threads: 2 });
    expect(big.model?.modelProveMs).toBeGreaterThan(0);
    expect(big.totalMs).toBeCloseTo(big.witnessMs + big.proveMs + big.verifyMs, 5);
  });

  it('learns the correction factor from recent jobs once there are enough of them', () => {
    const model = modelProveCost(calibration, stress14).modelProveMs;
    const history = [job({}), job({}), job({ timings: { queuedMs: 0, witnessMs: 12, proveMs: 2500, verifyMs: 30, totalMs: 2550 } })];
    const factor = correctionFactor(calibration, history);
    expect(factor?.source).toContain('3 recent jobs');
    expect(factor?.factor).toBeCloseTo(2300 / model, 5);
    expect(estimateProof(stress14, calibration, history).proveMs).toBeCloseTo(2300, 5);
    // Two jobs are not enough: the reference proof still decides.
    expect(correctionFactor(calibration, history.slice(0, 2))?.source).toContain('reference proof');
  });

  it("prefers this circuit's own recent proofs over other circuits' for the correction", () => {
    // A tiny circuit runs slower than the model says (fixed costs); the big ones set the machine's factor.
    const poseidon = { circuitId: 'poseidon', zkeySha256: 'c'.repeat(64), constraints: 240, wires: 243, domainPower: 8, publicSignals: 1, zkeyBytes: 120_000 };
    const poseidonModel = modelProveCost(calibration, poseidon).modelProveMs;
    const own = (proveMs: number) => job({ circuitId: 'poseidon', circuitSha256: poseidon.zkeySha256, wires: 243, domainPower: 8, publicSignals: 1, timings: { queuedMs: 0, witnessMs: 1, proveMs, verifyMs: 20, totalMs: proveMs + 21 } });
    const others = [job({}), job({}), job({})];
    const fromOthers = estimateProof(poseidon, calibration, others);
    expect(fromOthers.correction?.source).toContain('recent jobs on this machine');
    const withOwn = [...others, own(3 * poseidonModel), own(3 * poseidonModel), own(3.2 * poseidonModel)];
    const learnt = estimateProof(poseidon, calibration, withOwn);
    expect(learnt.correction?.source).toContain('3 recent proofs of this circuit');
    expect(learnt.proveMs).toBeCloseTo(3 * poseidonModel, 5);
    // The big circuit is not pulled along by the small one's factor.
    expect(estimateProof(stress14, calibration, withOwn).proveMs).toBeCloseTo(2300, 5);
  });

  it('learns only from proofs made by the prover it was calibrated with', () => {
    const native: Calibration = { ...calibration, backend: 'native', reference: { ...(calibration.reference as NonNullable<Calibration['reference']>), proveMs: 150 } };
    // Old records (no backend: snarkjs) say 2.3 s; the native prover's own say 0.6 s.
    const snarkjsJobs = [job({}), job({}), job({})];
    expect(correctionFactor(native, snarkjsJobs)?.source).toContain('reference proof');
    const nativeJobs = [600, 620, 640].map((proveMs) => job({ backend: 'native', timings: { queuedMs: 0, witnessMs: 12, proveMs, verifyMs: 30, totalMs: proveMs + 42 } }));
    expect(estimateProof(stress14, native, [...snarkjsJobs, ...nativeJobs]).proveMs).toBeCloseTo(620, 5);
    // Peaks too: the native prover's memory is not snarkjs's.
    const peaks = estimateProof(stress14, native, [...snarkjsJobs, job({ backend: 'native', peakRssBytes: 140e6 })]);
    expect(peaks.peakMemoryBytes).toBe(Math.round(140e6 * 1.1));
  });

  it("uses the circuit's own past peaks for memory, and the formula before it has any", () => {
    const fresh = estimateProof(stress14, calibration);
    expect(fresh.basis.memory).toContain('formula');
    const seen = estimateProof(stress14, calibration, [job({ peakRssBytes: 200e6 }), job({ peakRssBytes: 220e6 })]);
    expect(seen.peakMemoryBytes).toBe(Math.round(210e6 * 1.1));
  });

  it('says plainly that time cannot be predicted without a calibration', () => {
    const e = estimateProof(stress14, null);
    expect(e.model).toBeNull();
    expect(e.basis.time).toContain('zkdesk calibrate');
    expect(e.peakMemoryBytes).toBeGreaterThan(0);
  });
});
