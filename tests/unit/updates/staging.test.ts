import { describe, expect, it } from 'vitest';
import { effectiveStagingPercentage, isInRollout, rolloutPosition } from '../../../main/services/updates/stagingBucket.js';
import { decideOffer } from '../../../main/services/updates/offerDecision.js';
import { parseStagingPercent } from '../../../main/services/updates/release/stagingPercentArgument.js';
import { channelFileName, parseChannelFileName } from '../../../common/updates/updateChannel.js';
import { updaterErrorToZkError } from '../../../main/services/updates/updaterError.js';

const idAt = (hex8: string) => `5b0a8f2e-1c3d-5e4f-8a6b-7c8d${hex8}`;

describe('staging maths (electron-updater isStagingMatch)', () => {
  it('reads the last four bytes of the staging id as the rollout position', () => {
    expect(rolloutPosition(idAt('00000000'))).toBe(0);
    expect(rolloutPosition(idAt('ffffffff'))).toBe(1);
    expect(rolloutPosition(idAt('80000000'))).toBeCloseTo(0.5, 6);
  });

  it('offers the release strictly below the threshold', () => {
    const tenPercent = idAt(Math.ceil(0.1 * 0xffffffff).toString(16));
    expect(isInRollout(idAt('19999998'), 10)).toBe(true);
    expect(isInRollout(tenPercent, 10)).toBe(false);
    expect(isInRollout(idAt('00000000'), 0)).toBe(false);
    expect(isInRollout(idAt('ffffffff'), undefined)).toBe(true);
  });

  it('reads the percentage with parseInt, as electron-updater does', () => {
    expect(effectiveStagingPercentage('10')).toBe(10);
    expect(effectiveStagingPercentage(0.1)).toBe(0);
    expect(effectiveStagingPercentage('abc')).toBeNull();
    expect(effectiveStagingPercentage(undefined)).toBeNull();
  });
});

describe('offer decision', () => {
  const base = { stagingPercentage: undefined, stagingId: idAt('00000001'), allowDowngrade: false };
  it('never offers an older build unless the downgrade was chosen', () => {
    expect(decideOffer({ ...base, currentVersion: '1.3.0-beta.1', latestVersion: '1.2.0' })).toEqual({ offered: false, reason: 'older-on-channel' });
    expect(decideOffer({ ...base, allowDowngrade: true, currentVersion: '1.3.0-beta.1', latestVersion: '1.2.0' })).toEqual({ offered: true, isDowngrade: true });
    expect(decideOffer({ ...base, currentVersion: '1.2.0', latestVersion: '1.2.0' })).toEqual({ offered: false, reason: 'up-to-date' });
  });
  it('holds back installs outside the rollout unless staging is bypassed', () => {
    const late = { ...base, stagingId: idAt('f0000000'), stagingPercentage: 10, currentVersion: '1.0.0', latestVersion: '1.1.0' };
    expect(decideOffer(late)).toEqual({ offered: false, reason: 'staged-out' });
    expect(decideOffer({ ...late, bypassStaging: true })).toEqual({ offered: true, isDowngrade: false });
  });
});

describe('--percent', () => {
  it('takes whole percentages from 0 to 100', () => {
    expect(parseStagingPercent('10')).toBe(10);
    expect(parseStagingPercent('0')).toBe(0);
    expect(parseStagingPercent('100')).toBe(100);
  });
  it('refuses 0.1 with a sentence saying it would mean 0.1 %, not 10 %', () => {
    expect(() => parseStagingPercent('0.1')).toThrow('--percent 0.1 would mean 0.1 %, not 10 %');
    expect(() => parseStagingPercent('101')).toThrow(/above 100/);
    expect(() => parseStagingPercent('12.5')).toThrow(/not a whole percentage/);
    expect(() => parseStagingPercent('-3')).toThrow(/not a whole percentage/);
  });
});

describe('channel files and updater errors', () => {
  it('names channel files as electron-updater looks for them', () => {
    expect(channelFileName('stable', 'win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('beta', 'darwin', 'arm64')).toBe('beta-mac.yml');
    expect(channelFileName('stable', 'linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('beta', 'linux', 'arm64')).toBe('beta-linux-arm64.yml');
    expect(parseChannelFileName('beta-linux-arm64.yml')).toEqual({ channel: 'beta', platform: 'linux', arch: 'arm64' });
    expect(parseChannelFileName('latest.yml')).toEqual({ channel: 'stable', platform: 'win32', arch: null });
    expect(parseChannelFileName('flags.json')).toBeNull();
  });
  it('maps electron-updater failures to ZkError codes', () => {
    const err = (code: string) => Object.assign(new Error('x'), { code });
    expect(updaterErrorToZkError(err('ERR_UPDATER_CHANNEL_FILE_NOT_FOUND')).code).toBe('E_UPDATE_CHANNEL_MISSING');
    expect(updaterErrorToZkError(err('ERR_UPDATER_INVALID_UPDATE_INFO')).code).toBe('E_FEED_INVALID');
    expect(updaterErrorToZkError(err('ERR_CHECKSUM_MISMATCH')).code).toBe('E_UPDATE_CHECKSUM_MISMATCH');
    expect(updaterErrorToZkError(err('ECONNREFUSED')).code).toBe('E_UPDATE_UNREACHABLE');
    expect(updaterErrorToZkError(new Error('Cannot download "x", status 503: down')).code).toBe('E_UPDATE_UNREACHABLE');
  });
});
