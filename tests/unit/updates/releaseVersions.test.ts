import { describe, expect, it } from 'vitest';
import { nameCarriesVersion } from '../../../main/services/updates/release/artifactVersion.js';
import { highestVersion, nextRollbackVersion } from '../../../main/services/updates/release/rollbackVersion.js';
import { decideOffer } from '../../../main/services/updates/offerDecision.js';

describe('an installer name carries exactly its version', () => {
  it('takes the names electron-builder.yml gives installers', () => {
    expect(nameCarriesVersion('zkdesk-0.3.0-linux-x86_64.AppImage', '0.3.0')).toBe(true);
    expect(nameCarriesVersion('zkdesk_0.3.0_amd64.deb', '0.3.0')).toBe(true);
    expect(nameCarriesVersion('zkdesk-0.3.0-win-x64.exe', '0.3.0')).toBe(true);
    expect(nameCarriesVersion('zkdesk-0.3.0-mac-arm64.zip', '0.3.0')).toBe(true);
    expect(nameCarriesVersion('zkdesk Setup 0.3.0.exe', '0.3.0')).toBe(true);
    expect(nameCarriesVersion('zkdesk-0.3.0-beta.1-linux-x86_64.AppImage', '0.3.0-beta.1')).toBe(true);
  });
  it('refuses a longer version that starts with it, or one that ends with it', () => {
    expect(nameCarriesVersion('zkdesk-0.3.0-beta.1-linux-x86_64.AppImage', '0.3.0')).toBe(false);
    expect(nameCarriesVersion('zkdesk_0.3.0-rc2_amd64.deb', '0.3.0')).toBe(false);
    expect(nameCarriesVersion('zkdesk-0.3.0-beta.10-win-x64.exe', '0.3.0-beta.1')).toBe(false);
    expect(nameCarriesVersion('zkdesk-0.3.0-beta.1.2-win-x64.exe', '0.3.0-beta.1')).toBe(false);
    expect(nameCarriesVersion('zkdesk-10.3.0-win-x64.exe', '0.3.0')).toBe(false);
    expect(nameCarriesVersion('zkdesk-0.3.01-win-x64.exe', '0.3.0')).toBe(false);
  });
});

describe('the version a rollback republishes under', () => {
  it('bumps the patch of the release part of the highest version on stable', () => {
    expect(nextRollbackVersion('1.1.0', 'stable')).toBe('1.1.1');
    expect(nextRollbackVersion('0.3.0-beta.1', 'stable')).toBe('0.3.1');
  });
  it('takes the next beta on beta, never one that sorts lower', () => {
    expect(nextRollbackVersion('1.4.0-beta.1', 'beta')).toBe('1.4.0-beta.2');
    expect(nextRollbackVersion('1.4.0', 'beta')).toBe('1.4.1-beta.0');
    expect(nextRollbackVersion('1.4.0-rc.1', 'beta')).toBe('1.4.1-beta.0');
  });
  it('finds the highest of everything published, ignoring what is not a version', () => {
    expect(highestVersion(['0.2.0', '0.3.0-beta.1', '0.2.0,0.3.0-beta.1', 'junk'])).toBe('0.3.0-beta.1');
  });
});

describe('why an install is not offered a release', () => {
  const id = '5b0a8f2e-1c3d-5e4f-8a6b-7c8df0000000';
  it('says "ahead of the channel" before "waiting its turn", and "halted" before either wait', () => {
    expect(decideOffer({ currentVersion: '1.2.0', latestVersion: '1.1.0', stagingPercentage: 10, stagingId: id, allowDowngrade: false })).toEqual({
      offered: false,
      reason: 'older-on-channel',
    });
    expect(decideOffer({ currentVersion: '1.0.0', latestVersion: '1.1.0', stagingPercentage: 0, stagingId: id, allowDowngrade: false, bypassStaging: true })).toEqual({
      offered: false,
      reason: 'halted',
    });
  });
});
