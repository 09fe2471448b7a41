import { describe, it, expect } from 'vitest';
import { detectEmulation, type EmulationEnv } from '../../../main/services/profiler/emulation.js';

function env(over: Partial<EmulationEnv>): EmulationEnv {
  return {
    platform: 'linux',
    arch: 'x64',
    machine: 'x86_64',
    env: {},
    sysctl: () => Promise.reject(new Error('sysctl is macOS only')),
    ...over,
  };
}

describe('emulation and word size', () => {
  it('sees Rosetta 2 through sysctl.proc_translated', async () => {
    const facts = await detectEmulation(env({ platform: 'darwin', arch: 'x64', machine: 'x86_64', sysctl: async () => '1' }));
    expect(facts).toEqual({ bits: 64, emulated: true, evidence: 'sysctl.proc_translated=1 (Rosetta 2)' });
  });

  it('knows native Apple silicon and Intel Macs (where the key does not exist)', async () => {
    expect((await detectEmulation(env({ platform: 'darwin', arch: 'arm64', machine: 'arm64', sysctl: async () => '0' }))).emulated).toBe(false);
    const intel = await detectEmulation(env({ platform: 'darwin', sysctl: async () => '' }));
    expect(intel).toMatchObject({ emulated: false, evidence: 'sysctl.proc_translated=absent' });
  });

  it('says "unknown" rather than "no" when it could not ask', async () => {
    const facts = await detectEmulation(env({ platform: 'darwin', sysctl: () => Promise.reject(new Error('spawn sysctl ENOENT')) }));
    expect(facts.emulated).toBeNull();
    expect(facts.evidence).toContain('ENOENT');
  });

  it('sees x64 emulation on Windows on Arm', async () => {
    const facts = await detectEmulation(
      env({ platform: 'win32', arch: 'x64', machine: 'x86_64', env: { PROCESSOR_IDENTIFIER: 'ARMv8 (64-bit) Family 8 Model D4B Revision 0, Qualcomm Technologies Inc' } }),
    );
    expect(facts.emulated).toBe(true);
  });

  it('reports a 32-bit process on 64-bit Windows as 32-bit, not emulated', async () => {
    const facts = await detectEmulation(env({ platform: 'win32', arch: 'ia32', machine: 'x86_64', env: { PROCESSOR_ARCHITEW6432: 'AMD64' } }));
    expect(facts).toMatchObject({ bits: 32, emulated: false });
  });

  it('sees an x64 process on arm64 hardware on Linux', async () => {
    expect((await detectEmulation(env({ arch: 'x64', machine: 'aarch64' }))).emulated).toBe(true);
    expect(await detectEmulation(env({ arch: 'arm64', machine: 'aarch64' }))).toMatchObject({ bits: 64, emulated: false });
    expect((await detectEmulation(env({ arch: 'arm', machine: 'armv7l' }))).bits).toBe(32);
  });
});
