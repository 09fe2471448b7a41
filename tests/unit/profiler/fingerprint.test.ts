import { describe, it, expect } from 'vitest';
import { computeFingerprint, type FingerprintSources } from '../../../main/services/profiler/fingerprint.js';
import { loadProfile } from '../../support/profileFixtures.js';

const base = loadProfile('windows-desktop-rtx4090');
const sources = (over: Partial<FingerprintSources> = {}): FingerprintSources => ({
  cpu: base.cpu,
  memory: base.memory,
  os: base.os,
  runtimeArch: 'x64',
  ...over,
});
const ok = <T extends { status: string }>(s: T) => s as Extract<T, { status: 'ok' }>;

describe('machine fingerprint', () => {
  it('does not move with free memory or swap', () => {
    const memory = { ...ok(base.memory), availableBytes: 1, swapUsedBytes: 12345 };
    expect(computeFingerprint(sources({ memory })).sha256).toBe(computeFingerprint(sources()).sha256);
  });

  it('ignores a few MB of difference in reported RAM between boots', () => {
    const memory = { ...ok(base.memory), totalBytes: ok(base.memory).totalBytes + 30 * 1024 * 1024 };
    expect(computeFingerprint(sources({ memory })).sha256).toBe(computeFingerprint(sources()).sha256);
  });

  it('changes with the CPU, the core count, the memory, or the runtime architecture', () => {
    const ref = computeFingerprint(sources()).sha256;
    const cpu = ok(base.cpu);
    const variants: FingerprintSources[] = [
      sources({ cpu: { ...cpu, brand: 'AMD Ryzen 9 9950X 16-Core Processor' } }),
      sources({ cpu: { ...cpu, logicalCores: 16 } }),
      sources({ memory: { ...ok(base.memory), totalBytes: 32 * 1024 ** 3 } }),
      sources({ runtimeArch: 'arm64' }),
    ];
    for (const v of variants) expect(computeFingerprint(v).sha256).not.toBe(ref);
  });

  it('says when it was computed from an incomplete profile', () => {
    const fp = computeFingerprint(sources({ cpu: { status: 'unavailable', reason: 'cpu probe gave no answer within 1200 ms' } }));
    expect(fp.complete).toBe(false);
    expect(fp.facts.cpuBrand).toBeNull();
    expect(computeFingerprint(sources()).complete).toBe(true);
  });
});
