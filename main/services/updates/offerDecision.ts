// Whether an install is offered a channel's release, decided the way electron-updater's
// AppUpdater.isUpdateAvailable decides it (same version: no; outside the staged rollout: no;
// newer: yes; older: only when downgrades are allowed), plus the reason, which the UI and the
// rollout simulation need and electron-updater does not report.
import semver from 'semver';
import { isInRollout } from './stagingBucket.js';

export type OfferDecision =
  | { offered: true; isDowngrade: boolean }
  | { offered: false; reason: 'up-to-date' | 'older-on-channel' | 'staged-out' };

export interface OfferInput {
  currentVersion: string;
  latestVersion: string;
  stagingPercentage: unknown;
  stagingId: string;
  allowDowngrade: boolean;
  /** A beta tester's "get it now" on a manual check. */
  bypassStaging?: boolean;
}

export function decideOffer(input: OfferInput): OfferDecision {
  const { currentVersion, latestVersion } = input;
  if (semver.eq(latestVersion, currentVersion)) return { offered: false, reason: 'up-to-date' };
  if (!input.bypassStaging && !isInRollout(input.stagingId, input.stagingPercentage)) {
    return { offered: false, reason: 'staged-out' };
  }
  if (semver.gt(latestVersion, currentVersion)) return { offered: true, isDowngrade: false };
  return input.allowDowngrade ? { offered: true, isDowngrade: true } : { offered: false, reason: 'older-on-channel' };
}
