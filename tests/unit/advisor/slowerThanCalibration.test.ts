// The slower-than-calibration warning on a calibration and job history recorded on the project's
// 2-core machine while other engineers shared it (tests/fixtures/proofPace/): `zkdesk calibrate`,
// then `zkdesk prove` of stress-12 and merkle-membership as the machine was (history-quiet.jsonl,
// calibration's own two runs first), then proofs under three and then six busy loops of our own
// (history-loaded.jsonl: cold CLI proofs whose worker could not even start, then proofs through
// the pool with a warm worker, as the app makes them). The loaded proofs are what a user meets
// when a heavy new background load arrives; the quiet ones are the machine as calibrated, already
// drifting with the shared machine's own load.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationSchema } from '../../../common/profiler/calibrationTypes.js';
import type { JobRecord } from '../../../common/prover/proverTypes.js';
import { proofPace, PACE_WINDOW } from '../../../main/services/advisor/proofPace.js';
import { slowerThanCalibrationRule, MIN_PROOFS_FOR_PACE, SLOWDOWN_THRESHOLD } from '../../../main/services/advisor/slowerThanCalibrationRule.js';
import { adviseMachine } from '../../../main/services/advisor/advise.js';
import { loadProfile } from '../../support/profileFixtures.js';

const dir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'proofPace');
const calibration = calibrationSchema.parse(JSON.parse(readFileSync(path.join(dir, 'calibration.json'), 'utf8')));
const lines = (name: string): JobRecord[] =>
  readFileSync(path.join(dir, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JobRecord);
const quiet = lines('history-quiet.jsonl');
const loaded = lines('history-loaded.jsonl');
const settings = { predictedTimeWarnSec: 30 };
const profile = loadProfile('real-linux-kvm-2core');

function warningFor(history: JobRecord[]) {
  return slowerThanCalibrationRule({ profile, settings, ...(proofPace(calibration, history) ? { proofPace: proofPace(calibration, history) } : {}) });
}

describe('proofs slower than the calibration predicts', () => {
  it('stays quiet while the proofs run as calibrated', () => {
    expect(proofPace(calibration, quiet)?.slowdowns.length).toBeGreaterThanOrEqual(MIN_PROOFS_FOR_PACE);
    expect(warningFor(quiet)).toBeNull();
  });

  it('warns, with the evidence, once a background load makes the recent proofs clearly slower', () => {
    const warning = warningFor([...quiet, ...loaded]);
    expect(warning?.id).toBe('proofs-slower-than-calibration');
    expect(warning?.helpId).toBe('warnings/proofs-slower-than-calibration');
    expect(warning?.evidence.slowdownLow95).toBeGreaterThanOrEqual(SLOWDOWN_THRESHOLD);
    expect(warning?.evidence.calibratedAt).toBe(calibration.measuredAt);
    expect(warning?.evidence.proofs).toBe(Math.min(PACE_WINDOW, proofPace(calibration, [...quiet, ...loaded])?.slowdowns.length ?? 0));
    // The machine's advice carries it.
    const advice = adviseMachine(profile, settings, { proofPace: proofPace(calibration, [...quiet, ...loaded]) as NonNullable<ReturnType<typeof proofPace>> });
    expect(advice.warnings.map((w) => w.id)).toContain('proofs-slower-than-calibration');
  });

  it('does not warn on one or two slow proofs among quiet ones', () => {
    const slowest = loaded.filter((r) => r.outcome === 'verified').slice(-2);
    expect(warningFor([...quiet, ...slowest])).toBeNull();
  });

  it("leaves calibration's own proofs, proofs from before the calibration and another backend's out", () => {
    const relabel = (records: JobRecord[], patch: Partial<JobRecord>) => records.map((r) => ({ ...r, ...patch }));
    expect(warningFor([...quiet, ...relabel(loaded, { kind: 'calibration' })])).toBeNull();
    expect(warningFor([...quiet, ...relabel(loaded, { finishedAt: '2000-01-01T00:00:00.000Z' })])).toBeNull();
    const other = calibration.backend === 'native' ? 'snarkjs' : 'native';
    expect(warningFor([...quiet, ...relabel(loaded, { backend: other })])).toBeNull();
  });

  it('needs a calibration with a reference proof', () => {
    expect(proofPace(null, loaded)).toBeUndefined();
    expect(proofPace({ ...calibration, reference: null }, loaded)).toBeUndefined();
  });
});
