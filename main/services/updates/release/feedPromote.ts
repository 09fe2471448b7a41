// `release promote --from beta --to stable`: the exact installers beta testers ran, listed in
// the stable channel files with the same sha512s. Refused when the beta is halted (0 %), when
// its installers do not match the feed, or when stable already offers something newer.
import semver from 'semver';
import { ZkError } from '../../../../common/errors.js';
import { updaterChannelName, type UpdateChannel } from '../../../../common/updates/updateChannel.js';
import { listChannelFiles, readChannelFile, withStaging, writeChannelFile } from './channelFile.js';
import { verifyFeed } from './feedVerify.js';
import { appendReleaseLog } from './releaseLog.js';
import type { FeedSigner } from '../keys/feedSignature.js';

export interface PromoteOptions {
  feedDir: string;
  from: UpdateChannel;
  to: UpdateChannel;
  stagingPercentage?: number;
  signer: FeedSigner;
  now?: () => Date;
}

export interface PromoteChange {
  fromFile: string;
  toFile: string;
  version: string;
  replaced: string | null;
  stagingPercentage: number | null;
}

export async function promoteRelease(options: PromoteOptions): Promise<PromoteChange[]> {
  if (options.from === options.to) throw new ZkError('E_RELEASE_REFUSED', 'Promote needs two different channels.');
  const sources = await listChannelFiles(options.feedDir, options.from);
  if (sources.length === 0) throw new ZkError('E_RELEASE_REFUSED', `The feed has no ${options.from} release to promote.`);
  const report = await verifyFeed(options.feedDir, { trustedFeedKeys: options.signer.trusted });
  const broken = report.problems.filter((p) => sources.some((s) => s.fileName === p.file));
  if (broken.length > 0) {
    throw new ZkError('E_RELEASE_REFUSED', `The ${options.from} release does not match its installers: ${broken[0]?.problem}`, {
      file: broken[0]?.file,
    });
  }
  const plan: { fromFile: string; toFile: string; source: NonNullable<Awaited<ReturnType<typeof readChannelFile>>>; replaced: string | null }[] = [];
  const fromPrefix = updaterChannelName(options.from);
  const toPrefix = updaterChannelName(options.to);
  for (const ref of sources) {
    const source = await readChannelFile(options.feedDir, ref.fileName, options.signer);
    if (!source) continue;
    if (source.stagingPercentage === 0) {
      throw new ZkError('E_RELEASE_REFUSED', `${ref.fileName} is halted (0 %); a halted release is not promoted.`, {
        version: source.version,
      });
    }
    const toFile = toPrefix + ref.fileName.slice(fromPrefix.length);
    const target = await readChannelFile(options.feedDir, toFile, options.signer);
    if (target && semver.gt(target.version, source.version)) {
      throw new ZkError('E_RELEASE_REFUSED', `${toFile} already offers ${target.version}, newer than ${source.version}.`, {
        file: toFile,
      });
    }
    plan.push({ fromFile: ref.fileName, toFile, source, replaced: target?.version ?? null });
  }
  const at = (options.now ?? (() => new Date()))().toISOString();
  const changes: PromoteChange[] = [];
  for (const step of plan) {
    const promoted = withStaging({ ...step.source, releaseDate: at }, options.stagingPercentage);
    await writeChannelFile(options.feedDir, step.toFile, promoted, options.signer);
    changes.push({
      fromFile: step.fromFile,
      toFile: step.toFile,
      version: step.source.version,
      replaced: step.replaced,
      stagingPercentage: promoted.stagingPercentage ?? null,
    });
  }
  for (const version of new Set(changes.map((c) => c.version))) {
    await appendReleaseLog(options.feedDir, {
      at,
      action: 'promote',
      channel: options.to,
      version,
      stagingPercentage: options.stagingPercentage ?? null,
      files: changes.filter((c) => c.version === version).map((c) => c.toFile),
      detail: `from ${options.from}`,
    });
  }
  return changes;
}
