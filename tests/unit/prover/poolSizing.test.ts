import { describe, expect, it } from 'vitest';
import { decideMemoryCap, decidePoolSize, decideProverLimits } from '../../../main/services/prover/poolSizing.js';
import { estimatePeakMemoryBytes } from '../../../main/services/prover/memoryEstimate.js';

const GiB = 1024 ** 3;

describe('pool sizing', () => {
  it('uses one worker per two cores, bounded by memory', () => {
    expect(decidePoolSize({ logicalCores: 2, totalMemoryBytes: 24 * GiB }, { workerCount: 'auto', workerMemoryCapMb: null })).toBe(1);
    expect(decidePoolSize({ logicalCores: 16, totalMemoryBytes: 64 * GiB }, { workerCount: 'auto', workerMemoryCapMb: null })).toBe(8);
    expect(decidePoolSize({ logicalCores: 16, totalMemoryBytes: 4 * GiB }, { workerCount: 'auto', workerMemoryCapMb: null })).toBe(2);
    expect(decidePoolSize({ logicalCores: 1, totalMemoryBytes: 1 * GiB }, { workerCount: 'auto', workerMemoryCapMb: null })).toBe(1);
  });

  it('honours a fixed worker count within bounds', () => {
    expect(decidePoolSize({ logicalCores: 2, totalMemoryBytes: 8 * GiB }, { workerCount: 3, workerMemoryCapMb: null })).toBe(3);
    expect(decidePoolSize({ logicalCores: 2, totalMemoryBytes: 8 * GiB }, { workerCount: 100, workerMemoryCapMb: null })).toBe(8);
  });

  it('caps each worker at three quarters of memory unless the user sets a cap', () => {
    expect(decideMemoryCap({ logicalCores: 2, totalMemoryBytes: 8 * GiB }, { workerCount: 'auto', workerMemoryCapMb: null })).toEqual({ bytes: 6 * GiB, raised: null });
    expect(decideMemoryCap({ logicalCores: 2, totalMemoryBytes: 8 * GiB }, { workerCount: 'auto', workerMemoryCapMb: 512 })).toEqual({ bytes: 512 * 1024 * 1024, raised: null });
  });

  it('raises a cap below the minimum and says why', () => {
    const decision = decideMemoryCap({ logicalCores: 2, totalMemoryBytes: 8 * GiB }, { workerCount: 'auto', workerMemoryCapMb: 50 });
    expect(decision.bytes).toBe(64 * 1024 * 1024);
    expect(decision.raised).toMatchObject({ requestedMb: 50, usedMb: 64 });
    expect(decision.raised?.reason).toMatch(/raised to 64 MB: a proving worker needs about that much/);
  });
});

const MiB = 1024 * 1024;

// Peak RSS of zkdesk's worker measured on the 2-core development VM (`npm run bench`), with
// the circuits' real sizes from their manifests.
const measured = [
  { id: 'poseidon-preimage', wires: 243, zkeyBytes: 137_531, peakMiB: 124 },
  { id: 'stress-12', wires: 4_035, zkeyBytes: 1_909_615, peakMiB: 180 },
  { id: 'stress-14', wires: 16_323, zkeyBytes: 7_709_551, peakMiB: 213 },
  { id: 'stress-16', wires: 65_475, zkeyBytes: 30_909_295, peakMiB: 380 },
];

// Worker and native prover together, same machine and circuits.
const measuredNative = [
  { id: 'poseidon-preimage', wires: 243, zkeyBytes: 137_531, peakMiB: 122 },
  { id: 'stress-12', wires: 4_035, zkeyBytes: 1_909_615, peakMiB: 128 },
  { id: 'stress-14', wires: 16_323, zkeyBytes: 7_709_551, peakMiB: 137 },
];

describe('peak memory estimate', () => {
  it.each(measured)('with snarkjs, is above the measured peak for $id, and within 2x of it', ({ peakMiB, ...shape }) => {
    const need = estimatePeakMemoryBytes(shape, 2, 'snarkjs');
    expect(need).toBeGreaterThan(peakMiB * MiB);
    expect(need).toBeLessThan(2 * peakMiB * MiB);
  });

  it.each(measuredNative)('with the native prover, is above the measured peak for $id, and within 1.5x of it', ({ peakMiB, ...shape }) => {
    const need = estimatePeakMemoryBytes(shape, 2, 'native');
    expect(need).toBeGreaterThan(peakMiB * MiB);
    expect(need).toBeLessThan(1.5 * peakMiB * MiB);
  });

  it('grows with the proving key, and with snarkjs with the number of threads', () => {
    const shape = { wires: 65_000, zkeyBytes: 33e6 };
    const base = estimatePeakMemoryBytes(shape, 4, 'snarkjs');
    expect(estimatePeakMemoryBytes({ ...shape, zkeyBytes: 130e6 }, 4, 'snarkjs')).toBeGreaterThan(base);
    expect(estimatePeakMemoryBytes(shape, 16, 'snarkjs')).toBeGreaterThan(base);
    expect(estimatePeakMemoryBytes(shape, 0, 'snarkjs')).toBe(estimatePeakMemoryBytes(shape, 1, 'snarkjs'));
    expect(estimatePeakMemoryBytes({ ...shape, zkeyBytes: 130e6 }, 4, 'native')).toBeGreaterThan(estimatePeakMemoryBytes(shape, 4, 'native'));
    expect(estimatePeakMemoryBytes(shape, 4, 'native')).toBeLessThan(base);
  });
});

describe('decideProverLimits', () => {
  const machine = { logicalCores: 8, totalMemoryBytes: 16 * 1024 ** 3 };
  const settings = { workerCount: 'auto' as const, workerMemoryCapMb: 512, jobTimeoutSec: 120 };

  it('takes the settings, and a run\'s overrides on top (a null override clears the cap and the timeout)', () => {
    expect(decideProverLimits(machine, settings)).toEqual({ limits: { poolSize: 4, memoryCapBytes: 512 * 1024 * 1024, defaultTimeoutMs: 120_000 }, capRaised: null });
    expect(decideProverLimits(machine, settings, { workerCount: 2, workerMemoryCapMb: null, jobTimeoutMs: null })).toEqual({
      limits: { poolSize: 2, memoryCapBytes: 12 * 1024 ** 3, defaultTimeoutMs: null },
      capRaised: null,
    });
  });

  it('passes on a raised cap, whether it came from the settings or from a run\'s override', () => {
    expect(decideProverLimits(machine, { ...settings, workerMemoryCapMb: 10 }).capRaised).toMatchObject({ requestedMb: 10, usedMb: 64 });
    const overridden = decideProverLimits(machine, settings, { workerMemoryCapMb: 20 });
    expect(overridden.limits.memoryCapBytes).toBe(64 * 1024 * 1024);
    expect(overridden.capRaised).toMatchObject({ requestedMb: 20, usedMb: 64 });
  });
});
