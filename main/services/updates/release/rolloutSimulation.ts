// `release simulate`: what the feed as it stands would do to a population of installs, with
// the same staging maths and offer rules electron-updater applies on each of them. Staging
// ids are derived from a seed, so two runs over the same feed print the same numbers.
import { createHash } from 'node:crypto';
import semver from 'semver';
import { ZkError } from '../../../../common/errors.js';
import { knownArches } from './artifactScan.js';
import type { FeedPlatform, UpdateChannel } from '../../../../common/updates/updateChannel.js';
import { channelFileName } from '../../../../common/updates/updateChannel.js';
import { decideOffer } from '../offerDecision.js';
import { readChannelFile } from './channelFile.js';

export interface SimulationOptions {
  feedDir: string;
  installs: number;
  /** Share of installs on beta, 0–100. */
  betaPercent: number;
  currentVersion: string;
  platform: FeedPlatform;
  arch: string;
  seed?: string;
}

export interface ChannelOutcome {
  channel: UpdateChannel;
  channelFile: string;
  installs: number;
  latestVersion: string | null;
  stagingPercentage: number | null;
  offered: number;
  /** Waiting their turn in the staged rollout. */
  stagedOut: number;
  /** Not offered because the release is halted (0 %). */
  halted: number;
  upToDate: number;
  /** Already on a newer version than the channel offers (not waiting for anything). */
  olderOnChannel: number;
}

/** A UUID-shaped staging id, as electron-updater writes them (RFC 4122 variant, version 5). */
export function simulatedStagingId(seed: string, index: number): string {
  const bytes = createHash('sha256').update(`${seed}:${index}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function simulateRollout(options: SimulationOptions): Promise<ChannelOutcome[]> {
  if (semver.valid(options.currentVersion) === null) {
    throw new ZkError('E_RELEASE_REFUSED', `--current ${options.currentVersion} is not a semantic version (for example 1.3.2 or 1.4.0-beta.1).`, {
      current: options.currentVersion,
    });
  }
  if (!(knownArches as readonly string[]).includes(options.arch)) {
    throw new ZkError('E_RELEASE_REFUSED', `Unknown arch "${options.arch}": use ${knownArches.join(', ')}.`, { arch: options.arch });
  }
  const seed = options.seed ?? 'zkdesk';
  const betaInstalls = Math.round((options.installs * options.betaPercent) / 100);
  const outcomes: ChannelOutcome[] = [];
  let index = 0;
  for (const [channel, count] of [
    ['stable', options.installs - betaInstalls],
    ['beta', betaInstalls],
  ] as const) {
    const fileName = channelFileName(channel, options.platform, options.arch);
    const file = await readChannelFile(options.feedDir, fileName);
    const outcome: ChannelOutcome = {
      channel,
      channelFile: fileName,
      installs: count,
      latestVersion: file?.version ?? null,
      stagingPercentage: file?.stagingPercentage ?? null,
      offered: 0,
      stagedOut: 0,
      halted: 0,
      upToDate: 0,
      olderOnChannel: 0,
    };
    for (let i = 0; i < count; i++, index++) {
      if (!file) {
        outcome.upToDate++;
        continue;
      }
      const decision = decideOffer({
        currentVersion: options.currentVersion,
        latestVersion: file.version,
        stagingPercentage: file.stagingPercentage,
        stagingId: simulatedStagingId(seed, index),
        allowDowngrade: false,
      });
      if (decision.offered) outcome.offered++;
      else if (decision.reason === 'staged-out') outcome.stagedOut++;
      else if (decision.reason === 'halted') outcome.halted++;
      else if (decision.reason === 'older-on-channel') outcome.olderOnChannel++;
      else outcome.upToDate++;
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
