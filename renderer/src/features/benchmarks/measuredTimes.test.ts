import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../../common/prover/proverTypes.js';
import { measuredMedianMs, predictionErrorPercent } from './measuredTimes.js';

function record(circuitId: string, outcome: JobRecord['outcome'], witnessMs: number, proveMs: number, verifyMs: number): JobRecord {
  return { circuitId, outcome, timings: { witnessMs, proveMs, verifyMs, queuedMs: 900, totalMs: 5_000 } } as unknown as JobRecord;
}

describe('measured times from the job history', () => {
  it("takes the median working time of a circuit's verified proofs only, leaving queue waits out", () => {
    const history = [
      record('stress-12', 'verified', 10, 200, 30),
      record('stress-12', 'verified', 10, 400, 30),
      record('stress-12', 'verified', 10, 300, 30),
      record('stress-12', 'failed', 10, 9_000, 0),
      record('merkle-membership', 'verified', 10, 50, 30),
    ];
    expect(measuredMedianMs(history, 'stress-12')).toEqual({ ms: 340, runs: 3 });
    expect(measuredMedianMs(history, 'stress-14')).toEqual({ ms: null, runs: 0 });
  });

  it('says how far off the prediction was, negative when it was too short', () => {
    expect(predictionErrorPercent(80, 100)).toBe(-20);
    expect(predictionErrorPercent(125, 100)).toBe(25);
    expect(predictionErrorPercent(null, 100)).toBeNull();
    expect(predictionErrorPercent(100, 0)).toBeNull();
  });
});
