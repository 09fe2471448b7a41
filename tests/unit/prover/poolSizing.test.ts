import { describe, expect, it } from 'vitest';
import { decideMemoryCapBytes, decidePoolSize } from '../../../main/services/prover/poolSizing.js';
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
    expect(decideMemoryCapBytes({ logicalCores: 2, totalMemoryBytes: 8 * GiB }, { workerCount: 'auto', workerMemoryCapMb: null })).toBe(6 * GiB);
    expect(decideMemoryCapBytes({ logicalCores: 2, totalMemoryBytes: 8 * GiB }, { workerCount: 'auto', workerMemoryCapMb: 512 })).toBe(512 * 1024 * 1024);
  });
});

describe('peak memory estimate', () => {
  it('grows with the proving key and stays above an idle worker', () => {
    const small = estimatePeakMemoryBytes({ wires: 4035, zkeyBytes: 1_909_160 });
    const large = estimatePeakMemoryBytes({ wires: 16323, zkeyBytes: 7_709_096 });
    expect(small).toBeGreaterThan(102 * 1024 * 1024);
    expect(large).toBeGreaterThan(small);
  });
});
