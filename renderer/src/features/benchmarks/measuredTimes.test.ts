import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../../common/prover/proverTypes.js';
import { measuredTimes, predictionErrorPercent } from './measuredTimes.js';

function record(circuitId: string, outcome: JobRecord['outcome'], witnessMs: number, proveMs: number, verifyMs: number, kind?: JobRecord['kind']): JobRecord {
  return { circuitId, outcome, ...(kind ? { kind } : {}), timings: { witnessMs, proveMs, verifyMs, queuedMs: 900, totalMs: 5_000 } } as unknown as JobRecord;
}

describe('measured times from the job history', () => {
  it("takes p50 and p95 of a circuit's verified proofs' working time only, leaving queue waits, failures and calibration's runs out", () => {
    const history = [
      record('stress-12', 'verified', 10, 200, 30),
      record('stress-12', 'verified', 10, 400, 30),
      record('stress-12', 'verified', 10, 300, 30),
      record('stress-12', 'failed', 10, 9_000, 0),
      record('stress-12', 'verified', 10, 5_000, 30, 'calibration'),
      record('merkle-membership', 'verified', 10, 50, 30),
    ];
    expect(measuredTimes(history, 'stress-12')).toEqual({ p50: 340, p95: expect.closeTo(430, 6), runs: 3 });
    expect(measuredTimes(history, 'stress-14')).toEqual({ p50: null, p95: null, runs: 0 });
  });

  it('says how far off the prediction was, negative when it was too short', () => {
    expect(predictionErrorPercent(80, 100)).toBe(-20);
    expect(predictionErrorPercent(125, 100)).toBe(25);
    expect(predictionErrorPercent(null, 100)).toBeNull();
    expect(predictionErrorPercent(100, 0)).toBeNull();
  });
});
