// `release stage` and `release halt`: one staging percentage for a channel's current release
// on every platform at once, so Linux and Windows users are never at different stages.
// Halting is staging at 0 %: installs that already downloaded keep their copy, no one else
// is offered it. A stable release is also listed in the beta files (feed build writes it there,
// as electron-builder's generateUpdatesFilesForAllChannels does), so staging stable moves those
// beta copies too: a halt stops the release for beta testers as well, and raising stable's
// percentage raises theirs (a halted copy resumes with stable); lowering stable never lowers a
// beta copy, so testers are not taken off a release they were already offered.
import { ZkError } from '../../../../common/errors.js';
import type { UpdateChannel } from '../../../../common/updates/updateChannel.js';
import { listChannelFiles, readChannelFile, withStaging, writeChannelFile, type ChannelFile } from './channelFile.js';
import { appendReleaseLog } from './releaseLog.js';
import type { FeedSigner } from '../keys/feedSignature.js';

export interface StagingChange {
  fileName: string;
  version: string;
  from: number | null;
  to: number | null;
  /** The beta copy of a stable release, moved with it. */
  copyOf?: string;
}

export interface StagingOptions {
  /** Signs every channel file the change rewrites; each must already carry a signature it trusts. */
  signer: FeedSigner;
  action?: 'stage' | 'halt';
  now?: () => Date;
  /** Only the channel files on these versions (rollback halts the bad ones, not the good). */
  versions?: readonly string[];
}

/** null (no field) is everyone, which is 100 % in this arithmetic. */
const asNumber = (p: number | null | undefined): number => p ?? 100;

function betaCopyPercent(beta: ChannelFile, percent: number): number {
  if (percent === 0) return 0;
  const current = asNumber(beta.stagingPercentage);
  return current === 0 ? percent : Math.max(current, percent);
}

export async function setStaging(
  feedDir: string,
  channel: UpdateChannel,
  percent: number,
  options: StagingOptions,
): Promise<StagingChange[]> {
  const action = options.action ?? 'stage';
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new ZkError('E_RELEASE_REFUSED', `A staging percentage is a whole number from 0 to 100, not ${percent}.`);
  }
  const refs = await listChannelFiles(feedDir, channel);
  if (refs.length === 0) throw new ZkError('E_RELEASE_REFUSED', `The feed in ${feedDir} has no ${channel} release to stage.`);
  // Everything is read (and so parsed) before anything is written: a damaged file refuses the whole change.
  const writes: { fileName: string; next: ChannelFile; change: StagingChange }[] = [];
  for (const ref of refs) {
    const file = await readChannelFile(feedDir, ref.fileName, options.signer);
    if (!file) continue;
    if (options.versions && !options.versions.includes(file.version)) continue;
    const next = withStaging(file, percent);
    writes.push({ fileName: ref.fileName, next, change: { fileName: ref.fileName, version: file.version, from: file.stagingPercentage ?? null, to: next.stagingPercentage ?? null } });
    if (channel !== 'stable') continue;
    const betaName = ref.fileName.replace(/^latest/, 'beta');
    const beta = await readChannelFile(feedDir, betaName, options.signer);
    if (!beta || beta.version !== file.version) continue;
    const betaNext = withStaging(beta, betaCopyPercent(beta, percent));
    writes.push({
      fileName: betaName,
      next: betaNext,
      change: { fileName: betaName, version: beta.version, from: beta.stagingPercentage ?? null, to: betaNext.stagingPercentage ?? null, copyOf: ref.fileName },
    });
  }
  const changed = writes.filter((w) => w.change.from !== w.change.to);
  for (const write of changed) await writeChannelFile(feedDir, write.fileName, write.next, options.signer);
  // A second halt (or a stage to the percentage already set) changes nothing and is not logged again.
  if (changed.length > 0) {
    const versions = [...new Set(changed.map((w) => w.change.version))];
    await appendReleaseLog(feedDir, {
      at: (options.now ?? (() => new Date()))().toISOString(),
      action,
      channel,
      version: versions.join(','),
      stagingPercentage: percent >= 100 ? null : percent,
      files: changed.map((w) => w.fileName),
    });
  }
  return writes.map((w) => w.change);
}
