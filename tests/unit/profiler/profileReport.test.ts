import { describe, it, expect } from 'vitest';
import { renderProfile } from '../../../main/cli/profileReport.js';
import { loadProfile, profileFixtureNames } from '../../support/profileFixtures.js';

describe('zkdesk profile tables', () => {
  it.each(profileFixtureNames)('renders %s without placeholders leaking through', (name) => {
    const text = renderProfile(loadProfile(name));
    expect(text).toMatch(/^Machine profile, collected in /);
    expect(text).not.toMatch(/undefined|NaN|\[object|null/);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(160);
  });

  it('shows an NVIDIA card with its VRAM, driver and compute capability', () => {
    const text = renderProfile(loadProfile('linux-server-h100'));
    expect(text).toMatch(/nvidia 0 +NVIDIA H100 80GB HBM3, 79\.6 GiB VRAM, .*driver 550\.54\.15, compute 9\.0/);
  });

  // One byte formatter (common/format/byteUnits.ts) for CLI, renderer and bundles: binary units, labelled as such.
  it.each(profileFixtureNames)('labels every size in %s in binary units, never KB/MB/GB', (name) => {
    const text = renderProfile(loadProfile(name));
    expect(text).toMatch(/\d (KiB|MiB|GiB|TiB)\b/);
    expect(text).not.toMatch(/\d (KB|MB|GB|TB)\b/);
  });

  it('says why a section is missing', () => {
    expect(renderProfile(loadProfile('windows-32bit-runtime'))).toMatch(/^Machine\n {2}unavailable +system probe gave no answer within 1200 ms$/m);
  });

  it('shows battery, emulation and the Chromium GPU view where there is one', () => {
    expect(renderProfile(loadProfile('laptop-battery-8gb'))).toMatch(/plugged in +no/);
    expect(renderProfile(loadProfile('mac-rosetta-x64-emulated'))).toMatch(/emulated +yes \(sysctl\.proc_translated=1 \(Rosetta 2\)\)/);
    expect(renderProfile(loadProfile('apple-silicon-m2pro'))).toMatch(/WebGPU +apple metal-3/);
  });
});
