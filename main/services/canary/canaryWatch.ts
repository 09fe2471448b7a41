// `release watch`: the channel's current release (from the feed's channel files) judged against
// the release before it (the highest lower version that installs on the channel reported), and
// halted when it is clearly worse. The halt is `release halt`'s own: setStaging at 0 %, the
// function that writes (and logs) every staging change, so whatever a halt does — sign the
// channel files, log the action — the watcher's halt does too. Its reasons go to the release
// log as a `watch` entry beside the halt.
import type { FeedSigner } from '../updates/keys/feedSignature.js';
import semver from 'semver';
import { ZkError } from '../../../common/errors.js';
import type { UpdateChannel } from '../../../common/updates/updateChannel.js';
import { listChannelFiles, readChannelFile } from '../updates/release/channelFile.js';
import { setStaging, type StagingChange } from '../updates/release/feedStaging.js';
import { appendReleaseLog } from '../updates/release/releaseLog.js';
import type { CanaryConfig } from './canaryConfig.js';
import { judgeRelease, type CanaryVerdict, type ReleaseCounts } from './canaryVerdict.js';
import type { ReportStore, VersionHealth } from './reportStore.js';

export type WatchOutcome = 'healthy' | 'undecided' | 'halted' | 'already-halted' | 'would-halt';

export interface WatchResult {
  outcome: WatchOutcome;
  channel: UpdateChannel;
  verdict: CanaryVerdict;
  /** The channel files the halt changed (empty on a dry run or when nothing was halted). */
  halted: StagingChange[];
}

export interface WatchOptions {
  feedDir: string;
  channel: UpdateChannel;
  store: ReportStore;
  config: CanaryConfig;
  dryRun?: boolean;
  /** Compare with this version instead of the highest lower one that reported. */
  previous?: string;
  now?: () => Date;
  /** Signs the halted channel files (the feed's private key): needed unless dryRun. */
  signer?: FeedSigner;
}

/** The channel's current release: the highest version its channel files offer, and whether every one is halted. */
async function currentRelease(feedDir: string, channel: UpdateChannel): Promise<{ version: string; halted: boolean }> {
  const files = [];
  for (const ref of await listChannelFiles(feedDir, channel)) {
    const file = await readChannelFile(feedDir, ref.fileName);
    if (file) files.push(file);
  }
  const top = files.map((f) => f.version).sort(semver.rcompare)[0];
  if (top === undefined) throw new ZkError('E_RELEASE_REFUSED', `The feed in ${feedDir} has no ${channel} release to watch.`);
  const onTop = files.filter((f) => f.version === top);
  return { version: top, halted: onTop.every((f) => f.stagingPercentage === 0) };
}

function countsOf(version: string, row: VersionHealth | undefined): ReleaseCounts {
  return {
    version,
    installs: row?.installs ?? 0,
    proofs: row?.proofs ?? 0,
    failures: row?.failures ?? 0,
    workerCrashes: row?.workerCrashes ?? 0,
    outOfMemory: row?.outOfMemory ?? 0,
  };
}

export async function watchRelease(options: WatchOptions): Promise<WatchResult> {
  const { feedDir, channel, store, config } = options;
  const release = await currentRelease(feedDir, channel);
  const rows = store.versions(channel);
  const byVersion = new Map(rows.map((r) => [r.version, r]));
  const previousVersion =
    options.previous ??
    rows
      .map((r) => r.version)
      .filter((v) => semver.valid(v) !== null && semver.lt(v, release.version))
      .sort(semver.rcompare)[0];
  const previous = previousVersion === undefined ? null : countsOf(previousVersion, byVersion.get(previousVersion));
  const verdict = judgeRelease(countsOf(release.version, byVersion.get(release.version)), previous, config);
  const result = (outcome: WatchOutcome, halted: StagingChange[] = []): WatchResult => ({ outcome, channel, verdict, halted });

  if (verdict.decision === 'undecided') return result('undecided');
  if (verdict.decision === 'healthy') return result('healthy');
  if (release.halted) return result('already-halted');
  if (options.dryRun) return result('would-halt');

  if (!options.signer) throw new ZkError('E_RELEASE_REFUSED', 'Halting a rollout rewrites signed channel files: give the feed signing key (--key or ZKDESK_FEED_KEY).');
  const halted = await setStaging(feedDir, channel, 0, { action: 'halt', versions: [release.version], signer: options.signer, ...(options.now ? { now: options.now } : {}) });
  await appendReleaseLog(feedDir, {
    at: (options.now ?? (() => new Date()))().toISOString(),
    action: 'watch',
    channel,
    version: release.version,
    stagingPercentage: 0,
    files: halted.filter((c) => c.from !== c.to).map((c) => c.fileName),
    detail: verdict.reasons.filter((r) => r.startsWith('WORSE')).join(' '),
  });
  return result('halted', halted);
}
