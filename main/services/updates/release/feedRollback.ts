// `release rollback --to <good>`: clients never install an older version on their own (and
// must not be made to: the old build would report its old version and be offered the bad one
// again, forever). So a rollback halts the bad release at once, then republishes the known
// good build rebuilt under a new, higher version number. Without rebuilt installers it halts
// and says which version to rebuild as; with them it checks everything first (a refusal
// changes nothing, not even the halt), then halts and publishes.
import semver from 'semver';
import { ZkError } from '../../../../common/errors.js';
import { listChannelFiles, readChannelFile, type ChannelFile } from './channelFile.js';
import { applyFeedBuild, planFeedBuild, type ChannelFileChange } from './feedBuild.js';
import { setStaging, type StagingChange } from './feedStaging.js';
import { appendReleaseLog, readReleaseLog, type ReleaseLogEntry } from './releaseLog.js';
import { highestVersion, nextRollbackVersion } from './rollbackVersion.js';
import { parseChannelFileName, type UpdateChannel } from '../../../../common/updates/updateChannel.js';
import type { FeedSigner } from '../keys/feedSignature.js';

export interface RollbackOptions {
  feedDir: string;
  channel: UpdateChannel;
  /** The known good version, which must have been published from this feed. */
  to: string;
  /** The known good build, rebuilt as `version`. */
  artifactsDir?: string;
  version?: string;
  stagingPercentage?: number;
  signer: FeedSigner;
  now?: () => Date;
}

export interface RollbackResult {
  badVersions: string[];
  /** The channel files that offer a bad version (the ones halted). */
  badFiles: string[];
  halted: StagingChange[];
  republishAs: string;
  published: ChannelFileChange[] | null;
}

/** Every version the feed has ever offered, on any channel: the log, and the channel files as they stand. */
async function versionsEverPublished(feedDir: string, log: ReleaseLogEntry[]): Promise<string[]> {
  const versions = log.flatMap((e) => e.version.split(','));
  for (const ref of await listChannelFiles(feedDir)) {
    const file = await readChannelFile(feedDir, ref.fileName).catch(() => null);
    if (file) versions.push(file.version);
  }
  return versions.filter((v) => semver.valid(v) !== null);
}

function describeChannelFile(fileName: string): string {
  const parsed = parseChannelFileName(fileName);
  if (!parsed) return fileName;
  const platform = { linux: 'Linux', win32: 'Windows', darwin: 'macOS' }[parsed.platform];
  return `${fileName} (${platform}${parsed.arch ? ` ${parsed.arch}` : ''})`;
}

export async function rollbackRelease(options: RollbackOptions): Promise<RollbackResult> {
  const now = options.now ?? (() => new Date());
  const good = semver.valid(options.to);
  if (!good) throw new ZkError('E_RELEASE_REFUSED', `${options.to} is not a semantic version.`);
  const log = await readReleaseLog(options.feedDir);
  const published = log.filter((e) => e.action === 'build' || e.action === 'promote' || e.action === 'rollback');
  if (!published.some((e) => e.version === good)) {
    throw new ZkError('E_RELEASE_REFUSED', `${good} was never published from this feed, so it is not a known good build.`, {
      feed: options.feedDir,
    });
  }
  // The good build and its earlier rebuilds are not bad: a second rollback must not halt them.
  const goodVersions = new Set([good, ...log.filter((e) => e.action === 'rollback' && e.rebuildOf === good).map((e) => e.version)]);
  const current: { fileName: string; file: ChannelFile }[] = [];
  for (const ref of await listChannelFiles(options.feedDir, options.channel)) {
    const file = await readChannelFile(options.feedDir, ref.fileName, options.signer);
    if (file) current.push({ fileName: ref.fileName, file });
  }
  if (current.length === 0) throw new ZkError('E_RELEASE_REFUSED', `The feed has no ${options.channel} release to roll back.`);
  const bad = current.filter((c) => !goodVersions.has(c.file.version));
  if (bad.length === 0) {
    throw new ZkError('E_RELEASE_REFUSED', `The ${options.channel} channel already offers ${[...new Set(current.map((c) => c.file.version))].join(', ')}: the ${good} build or a rebuild of it.`);
  }
  const badVersions = [...new Set(bad.map((c) => c.file.version))];
  const badFiles = bad.map((c) => c.fileName);

  const everPublished = await versionsEverPublished(options.feedDir, log);
  const republishAs = nextRollbackVersion(highestVersion(everPublished) ?? good, options.channel);
  const halt = () =>
    bad.some((c) => c.file.stagingPercentage !== 0)
      ? setStaging(options.feedDir, options.channel, 0, { action: 'halt', now, versions: badVersions, signer: options.signer })
      : Promise.resolve([]);

  if (options.artifactsDir === undefined) {
    return { badVersions, badFiles, halted: await halt(), republishAs, published: null };
  }

  const version = semver.valid(options.version ?? republishAs);
  if (!version) throw new ZkError('E_RELEASE_REFUSED', `${options.version} is not a semantic version.`);
  const tooLow = badVersions.find((v) => !semver.gt(version, v));
  if (tooLow) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `${version} is not above ${tooLow}, which clients may already run; they would never be offered it. Rebuild as ${republishAs}.`,
      { version, published: tooLow },
    );
  }
  if (semver.lt(version, republishAs)) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `${version} is below ${republishAs}, the lowest number above everything this feed has published (on any channel) that does not take the final number of a published prerelease. Rebuild as ${republishAs} or higher.`,
      { version, lowest: republishAs },
    );
  }
  if (everPublished.some((v) => semver.eq(v, version))) {
    throw new ZkError('E_RELEASE_REFUSED', `${version} was published from this feed before; a version number is never used for two builds. Rebuild as ${republishAs}.`, {
      version,
    });
  }
  const plan = await planFeedBuild({
    artifactsDir: options.artifactsDir,
    feedDir: options.feedDir,
    channel: options.channel,
    version,
    releaseNotes: `Rollback: the ${good} build, republished as ${version}.`,
    ...(options.stagingPercentage !== undefined ? { stagingPercentage: options.stagingPercentage } : {}),
    now,
    signer: options.signer,
  });
  // A platform the rebuild does not cover would stay halted on the bad release, with no way off it.
  const covered = new Set(plan.writes.map((w) => w.fileName));
  const uncovered = badFiles.filter((f) => !covered.has(f));
  if (uncovered.length > 0) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `The rebuilt installers have nothing for ${uncovered.map(describeChannelFile).join(', ')}, which offer${uncovered.length === 1 ? 's' : ''} the bad ${badVersions.join(', ')}: those installs would be left on it. Put the rebuild for every platform and arch in ${options.artifactsDir} and run rollback again.`,
      { missing: uncovered.join(', ') },
    );
  }
  const halted = await halt();
  const changes = await applyFeedBuild(plan, options.feedDir, options.signer);
  await appendReleaseLog(options.feedDir, {
    at: now().toISOString(),
    action: 'rollback',
    channel: options.channel,
    version,
    files: changes.map((c) => c.fileName),
    detail: `${badVersions.join(',')} -> ${good} as ${version}`,
    rebuildOf: good,
  });
  return { badVersions, badFiles, halted, republishAs, published: changes };
}
