// Whether an install is offered a channel's release, decided the way electron-updater's
// AppUpdater.isUpdateAvailable decides it (same version: no; outside the staged rollout: no;
// newer: yes; older: only when downgrades are allowed), plus the reason, which the UI and the
// rollout simulation need and electron-updater does not report. The reasons are checked in the
// order a person would give them: an install already ahead of the channel is not "waiting its
// turn", and a halted release is not "coming later".
import semver from 'semver';
import { effectiveStagingPercentage, isInRollout } from './stagingBucket.js';

export type OfferDecision =
  | { offered: true; isDowngrade: boolean }
  | { offered: false; reason: 'up-to-date' | 'older-on-channel' | 'halted' | 'staged-out' };

export interface OfferInput {
  currentVersion: string;
  latestVersion: string;
  stagingPercentage: unknown;
  stagingId: string;
  allowDowngrade: boolean;
  /** A beta tester's "get it now" on a manual check. It skips the wait, never a halt. */
  bypassStaging?: boolean;
}

/** A release at 0 % was stopped by the release team: no install is offered it, "get it now" included. */
export function isHalted(stagingPercentage: unknown): boolean {
  return effectiveStagingPercentage(stagingPercentage) === 0;
}

/** The staging test electron-updater runs, with a beta tester's bypass, which a halt overrides. */
export function passesStaging(stagingId: string, stagingPercentage: unknown, bypassStaging: boolean): boolean {
  if (isHalted(stagingPercentage)) return false;
  return bypassStaging || isInRollout(stagingId, stagingPercentage);
}

export function decideOffer(input: OfferInput): OfferDecision {
  const { currentVersion, latestVersion } = input;
  if (semver.eq(latestVersion, currentVersion)) return { offered: false, reason: 'up-to-date' };
  const older = semver.lt(latestVersion, currentVersion);
  if (older && !input.allowDowngrade) return { offered: false, reason: 'older-on-channel' };
  if (isHalted(input.stagingPercentage)) return { offered: false, reason: 'halted' };
  if (!passesStaging(input.stagingId, input.stagingPercentage, input.bypassStaging ?? false)) {
    return { offered: false, reason: 'staged-out' };
  }
  return { offered: true, isDowngrade: older };
}
