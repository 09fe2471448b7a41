// A calibration as `zkdesk calibrate` stores it: operation costs measured on this project's
// 2-core CI machine. Shared by the estimator's and the advisor's tests.
import type { Calibration } from '../../common/profiler/calibrationTypes.js';

export const calibration: Calibration = {
  formatVersion: 1,
  fingerprint: 'a'.repeat(64),
  measuredAt: '2026-11-22T06:00:00.000Z',
  durationMs: 12_000,
  threads: 2,
  g1Msm: [
    { power: 10, ms: 40 },
    { power: 12, ms: 130 },
    { power: 14, ms: 420 },
  ],
  g2Msm: [
    { power: 10, ms: 110 },
    { power: 12, ms: 320 },
  ],
  fft: [
    { power: 12, ms: 8 },
    { power: 14, ms: 31 },
    { power: 16, ms: 176 },
  ],
  pairingMs: 6,
  witnessSpeed: { wires: 4035, ms: 3 },
  reference: { circuitId: 'stress-12', wires: 4035, domainPower: 12, publicSignals: 2, zkeyBytes: 1_909_160, witnessMs: 3, proveMs: 650, verifyMs: 28, peakRssBytes: 175e6 },
};
