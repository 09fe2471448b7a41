import { describe, it, expect } from 'vitest';
import type { SystemProfile } from '../../../common/profiler/systemProfile.js';
import type { AdvisorInput, CircuitFacts, Rule } from '../../../common/advisor/advisorTypes.js';
import { circuitMemoryRule } from '../../../main/services/advisor/circuitMemoryRule.js';
import { heavySwapRule, lowAvailableMemoryRule } from '../../../main/services/advisor/lowMemoryRules.js';
import { onBatteryRule } from '../../../main/services/advisor/batteryRule.js';
import { highCpuLoadRule } from '../../../main/services/advisor/cpuLoadRule.js';
import { virtualMachineRule } from '../../../main/services/advisor/virtualMachineRule.js';
import { fewCoresRule } from '../../../main/services/advisor/fewCoresRule.js';
import { emulatedRuntimeRule, thirtyTwoBitRuntimeRule, webAssemblyRule } from '../../../main/services/advisor/runtimeRules.js';
import { lowDiskSpaceRule } from '../../../main/services/advisor/diskSpaceRule.js';
import { gpuAccelerationRule } from '../../../main/services/advisor/gpuAccelerationRule.js';
import { appVersionRule } from '../../../main/services/advisor/appVersionRule.js';
import { predictedTimeRule } from '../../../main/services/advisor/predictedTimeRule.js';
import { profileGapsRule } from '../../../main/services/advisor/profileGapsRule.js';
import { loadProfile } from '../../support/profileFixtures.js';

const settings = { predictedTimeWarnSec: 30 };
const stress16: CircuitFacts = { id: 'stress-16', title: 'Stress 2^16', constraints: 65_280, domainPower: 16, wires: 65_283, zkeyBytes: 33_000_000 };
const big20: CircuitFacts = { id: 'big-20', title: 'Big 2^20', constraints: 1_040_000, domainPower: 20, wires: 1_040_003, zkeyBytes: 520_000_000 };

function input(name: string, extra: Partial<AdvisorInput> = {}): AdvisorInput {
  return { profile: loadProfile(name), settings, ...extra };
}

/** A fixture with one section's facts changed, for the cases no recorded machine shows. */
function variant<K extends keyof SystemProfile>(name: string, section: K, patch: Partial<Extract<SystemProfile[K], { status: 'ok' }>>): SystemProfile {
  const profile = loadProfile(name);
  return { ...profile, [section]: { ...(profile[section] as object), ...patch } };
}

interface RuleCase {
  rule: Rule;
  id: string;
  severity: 'info' | 'warning' | 'blocker';
  firesOn: AdvisorInput;
  quietOn: AdvisorInput[];
}

const cases: RuleCase[] = [
  {
    rule: circuitMemoryRule,
    id: 'memory-insufficient-for-circuit',
    severity: 'blocker',
    firesOn: input('windows-32bit-runtime', { circuit: big20 }),
    quietOn: [input('windows-desktop-rtx4090', { circuit: big20 }), input('windows-32bit-runtime'), input('windows-32bit-runtime', { circuit: stress16 })],
  },
  {
    rule: circuitMemoryRule,
    id: 'memory-tight-for-circuit',
    severity: 'warning',
    firesOn: input('linux-heavy-load-swap', { circuit: stress16 }),
    quietOn: [input('laptop-battery-8gb', { circuit: stress16 })],
  },
  { rule: lowAvailableMemoryRule, id: 'low-available-memory', severity: 'warning', firesOn: input('linux-heavy-load-swap'), quietOn: [input('laptop-battery-8gb'), input('apple-silicon-m2pro')] },
  { rule: heavySwapRule, id: 'heavy-swap', severity: 'warning', firesOn: input('linux-heavy-load-swap'), quietOn: [input('laptop-battery-8gb'), input('mac-rosetta-x64-emulated')] },
  { rule: onBatteryRule, id: 'on-battery', severity: 'warning', firesOn: input('laptop-battery-8gb'), quietOn: [input('apple-silicon-m2pro'), input('windows-desktop-rtx4090')] },
  {
    rule: highCpuLoadRule,
    id: 'high-cpu-load',
    severity: 'warning',
    firesOn: input('linux-heavy-load-swap'),
    // The same busy machine measured while one of zkdesk's own proofs ran: that load is ours.
    quietOn: [input('apple-silicon-m2pro'), input('cloud-vm-2vcpu-nogpu'), input('linux-heavy-load-swap', { ownProofsDuringProfile: true })],
  },
  { rule: virtualMachineRule, id: 'virtual-machine', severity: 'warning', firesOn: input('cloud-vm-2vcpu-nogpu'), quietOn: [input('windows-desktop-rtx4090'), input('apple-silicon-m2pro')] },
  { rule: fewCoresRule, id: 'few-cores', severity: 'info', firesOn: input('cloud-vm-2vcpu-nogpu'), quietOn: [input('laptop-battery-8gb'), input('linux-server-h100')] },
  { rule: thirtyTwoBitRuntimeRule, id: 'runtime-32-bit', severity: 'warning', firesOn: input('windows-32bit-runtime'), quietOn: [input('windows-desktop-rtx4090'), input('mac-rosetta-x64-emulated')] },
  { rule: emulatedRuntimeRule, id: 'runtime-emulated', severity: 'warning', firesOn: input('mac-rosetta-x64-emulated'), quietOn: [input('apple-silicon-m2pro'), input('windows-32bit-runtime')] },
  {
    rule: webAssemblyRule,
    id: 'no-wasm-simd',
    severity: 'info',
    firesOn: { profile: variant('laptop-battery-8gb', 'runtime', { wasm: { available: true, simd: false, threads: true } }), settings },
    quietOn: [input('real-linux-kvm-2core'), input('laptop-battery-8gb')],
  },
  {
    rule: webAssemblyRule,
    id: 'no-webassembly',
    severity: 'blocker',
    firesOn: { profile: variant('real-linux-kvm-2core', 'runtime', { wasm: { available: false, simd: false, threads: false } }), settings },
    quietOn: [input('real-linux-kvm-2core')],
  },
  {
    rule: lowDiskSpaceRule,
    id: 'low-disk-space',
    severity: 'warning',
    firesOn: input('linux-heavy-load-swap'),
    quietOn: [input('windows-desktop-rtx4090'), input('cloud-vm-2vcpu-nogpu'), input('cloud-vm-2vcpu-nogpu', { circuit: stress16 })],
  },
  {
    rule: gpuAccelerationRule,
    id: 'gpu-no-hardware-acceleration',
    severity: 'warning',
    firesOn: input('windows-32bit-runtime'),
    quietOn: [input('windows-desktop-rtx4090'), input('apple-silicon-m2pro'), input('linux-server-h100'), input('laptop-battery-8gb')],
  },
  {
    rule: gpuAccelerationRule,
    id: 'gpu-no-hardware-acceleration',
    severity: 'info',
    firesOn: input('cloud-vm-2vcpu-nogpu'),
    quietOn: [input('linux-heavy-load-swap'), input('mac-rosetta-x64-emulated')],
  },
  {
    rule: appVersionRule,
    id: 'app-outdated',
    severity: 'warning',
    firesOn: input('apple-silicon-m2pro', { appVersion: '1.4.2', channelLatest: '2.0.0' }),
    quietOn: [
      input('apple-silicon-m2pro'),
      input('apple-silicon-m2pro', { appVersion: '1.4.2', channelLatest: '1.4.2' }),
      input('apple-silicon-m2pro', { appVersion: '1.5.0-beta.2', channelLatest: '1.4.2' }),
      input('apple-silicon-m2pro', { appVersion: 'dev build', channelLatest: '1.4.2' }),
    ],
  },
  {
    rule: appVersionRule,
    id: 'app-outdated',
    severity: 'info',
    firesOn: input('apple-silicon-m2pro', { appVersion: '1.4.2', channelLatest: '1.5.0' }),
    quietOn: [input('apple-silicon-m2pro', { appVersion: '1.5.0', channelLatest: '1.5.0' })],
  },
  {
    rule: predictedTimeRule,
    id: 'predicted-time-long',
    severity: 'warning',
    firesOn: input('cloud-vm-2vcpu-nogpu', { circuit: stress16, estimate: { totalMs: 45_000, peakMemoryBytes: 400e6 } }),
    quietOn: [
      input('cloud-vm-2vcpu-nogpu', { circuit: stress16 }),
      input('cloud-vm-2vcpu-nogpu', { circuit: stress16, estimate: { totalMs: 12_000, peakMemoryBytes: 400e6 } }),
      input('cloud-vm-2vcpu-nogpu', { circuit: stress16, estimate: { totalMs: 45_000, peakMemoryBytes: 400e6 }, settings: { predictedTimeWarnSec: 60 } }),
    ],
  },
  { rule: profileGapsRule, id: 'profile-incomplete', severity: 'info', firesOn: input('windows-32bit-runtime'), quietOn: [input('windows-desktop-rtx4090'), input('real-linux-kvm-2core')] },
];

describe.each(cases)('rule $id ($severity)', ({ rule, id, severity, firesOn, quietOn }) => {
  it('fires where it should, with its evidence, help and fix', () => {
    const warning = rule(firesOn);
    expect(warning).toMatchObject({ id, severity, helpId: `warnings/${id}` });
    expect(warning?.title.length).toBeGreaterThan(0);
    expect(warning?.detail.length).toBeGreaterThan(0);
    expect(warning?.fix.length).toBeGreaterThan(0);
    expect(Object.keys(warning?.evidence ?? {}).length).toBeGreaterThan(0);
    expect(JSON.stringify(warning)).not.toMatch(/undefined|NaN/);
  });

  it('stays quiet where it should not fire', () => {
    for (const quiet of quietOn) expect(rule(quiet)).toBeNull();
  });
});

describe('rule details', () => {
  it('memory: uses the estimate over the formula when there is one', () => {
    const fits = circuitMemoryRule(input('laptop-battery-8gb', { circuit: stress16 }));
    expect(fits).toBeNull();
    const w = circuitMemoryRule(input('laptop-battery-8gb', { circuit: stress16, estimate: { totalMs: 9_000, peakMemoryBytes: 20 * 1024 ** 3 } }));
    expect(w).toMatchObject({ severity: 'blocker', evidence: { needSource: 'estimate', needBytes: 20 * 1024 ** 3 } });
  });

  it('memory: a worker memory cap below the need blocks, and says to raise it', () => {
    const w = circuitMemoryRule(input('windows-desktop-rtx4090', { circuit: big20, settings: { ...settings, workerMemoryCapMb: 512 } }));
    expect(w).toMatchObject({ id: 'memory-insufficient-for-circuit', evidence: { limitedBy: 'worker memory cap setting' } });
    expect(w?.fix).toMatch(/Settings/);
  });

  it('memory: the 32-bit address space is what limits a 16 GB Windows machine', () => {
    expect(circuitMemoryRule(input('windows-32bit-runtime', { circuit: big20 }))?.evidence.limitedBy).toBe('32-bit runtime');
  });

  it('battery: a low battery says so', () => {
    const w = onBatteryRule({ profile: variant('laptop-battery-8gb', 'power', { percent: 12 }), settings });
    expect(w?.title).toBe('Running on a low battery');
    expect(w?.detail).toContain('12%');
  });

  it('virtual machine: without steal it is only information', () => {
    expect(virtualMachineRule(input('real-linux-kvm-2core'))).toMatchObject({ severity: 'info', evidence: { virtualHost: 'KVM' } });
  });

  it('few cores: a single core is a warning', () => {
    expect(fewCoresRule({ profile: variant('cloud-vm-2vcpu-nogpu', 'runtime', { availableParallelism: 1 }), settings })?.severity).toBe('warning');
  });

  it('disk: a circuit whose key will not fit twice in the free space is flagged even above the general floor', () => {
    const huge: CircuitFacts = { ...big20, id: 'huge', zkeyBytes: 3 * 1024 ** 3 };
    expect(lowDiskSpaceRule(input('cloud-vm-2vcpu-nogpu', { circuit: huge }))).toMatchObject({ id: 'low-disk-space', evidence: { circuitZkeyBytes: huge.zkeyBytes } });
  });

  it('gpu: names the Chromium features that fell back to software', () => {
    const w = gpuAccelerationRule(input('windows-32bit-runtime'));
    expect(w?.evidence).toMatchObject({ gpu_compositing: 'disabled_software', webgl: 'unavailable_software' });
  });

  it('rules about a missing section stay silent instead of guessing', () => {
    const profile = loadProfile('linux-heavy-load-swap');
    const blind: SystemProfile = { ...profile, memory: { status: 'unavailable', reason: 'memory probe failed: EPERM' } };
    expect(lowAvailableMemoryRule({ profile: blind, settings })).toBeNull();
    expect(heavySwapRule({ profile: blind, settings })).toBeNull();
    expect(circuitMemoryRule({ profile: blind, settings, circuit: stress16 })).toBeNull();
    expect(profileGapsRule({ profile: blind, settings })?.evidence).toEqual({ memory: 'memory probe failed: EPERM' });
  });

  it('a missing memory, CPU or runtime section degrades the verdict; a missing minor one is only a note', () => {
    const profile = loadProfile('linux-heavy-load-swap');
    const gone = { status: 'unavailable', reason: 'probe gave no answer' } as const;
    for (const section of ['memory', 'cpu', 'runtime'] as const) {
      expect(profileGapsRule({ profile: { ...profile, [section]: gone }, settings })?.severity, section).toBe('warning');
    }
    for (const section of ['gpu', 'system', 'power', 'load', 'disk'] as const) {
      expect(profileGapsRule({ profile: { ...profile, [section]: gone }, settings })?.severity, section).toBe('info');
    }
  });
});
