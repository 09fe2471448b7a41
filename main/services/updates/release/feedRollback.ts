// `release rollback --to <good>`: clients never install an older version on their own (and
// must not be made to: the old build would report its old version and be offered the bad one
// again, forever). So a rollback halts the bad release at once, then republishes the known
// good build rebuilt under a new, higher version number. Without rebuilt installers it halts
// and says which version to rebuild as; with them it publishes.
import semver from 'semver';
import { ZkError } from '../../../../common/errors.js';
import type { UpdateChannel } from '../updateChannel.js';
import { listChannelFiles, readChannelFile } from './channelFile.js';
import { buildFeed, type ChannelFileChange } from './feedBuild.js';
import { setStaging, type StagingChange } from './feedStaging.js';
import { appendReleaseLog, readReleaseLog } from './releaseLog.js';

export interface RollbackOptions {
  feedDir: string;
  channel: UpdateChannel;
  /** The known good version, which must have been published from this feed. */
  to: string;
  /** The known good build, rebuilt as `version`. */
  artifactsDir?: string;
  version?: string;
  stagingPercentage?: number;
  now?: () => Date;
}

export interface RollbackResult {
  badVersions: string[];
  halted: StagingChange[];
  republishAs: string;
  published: ChannelFileChange[] | null;
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
  const current = [];
  for (const ref of await listChannelFiles(options.feedDir, options.channel)) {
    const file = await readChannelFile(options.feedDir, ref.fileName);
    if (file) current.push(file);
  }
  if (current.length === 0) throw new ZkError('E_RELEASE_REFUSED', `The feed has no ${options.channel} release to roll back.`);
  const badVersions = [...new Set(current.map((f) => f.version))];
  if (badVersions.every((v) => semver.eq(v, good))) {
    throw new ZkError('E_RELEASE_REFUSED', `The ${options.channel} channel already offers ${good}.`);
  }

  const everPublished = [...published.map((e) => e.version), ...badVersions].filter((v) => semver.valid(v));
  const highest = everPublished.sort(semver.rcompare)[0] ?? good;
  const republishAs =
    options.channel === 'beta' ? (semver.inc(highest, 'prerelease', 'beta') ?? highest) : (semver.inc(highest, 'patch') ?? highest);

  const halted = current.some((f) => f.stagingPercentage !== 0)
    ? await setStaging(options.feedDir, options.channel, 0, 'halt', now)
    : [];

  if (options.artifactsDir === undefined) return { badVersions, halted, republishAs, published: null };

  const version = options.version ?? republishAs;
  const tooLow = badVersions.find((v) => !semver.gt(version, v));
  if (tooLow) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `${version} is not above ${tooLow}, which clients may already run; they would never be offered it. Rebuild as ${republishAs}.`,
      { version, published: tooLow },
    );
  }
  const changes = await buildFeed({
    artifactsDir: options.artifactsDir,
    feedDir: options.feedDir,
    channel: options.channel,
    version,
    releaseNotes: `Rollback: the ${good} build, republished as ${version}.`,
    ...(options.stagingPercentage !== undefined ? { stagingPercentage: options.stagingPercentage } : {}),
    now,
  });
  await appendReleaseLog(options.feedDir, {
    at: now().toISOString(),
    action: 'rollback',
    channel: options.channel,
    version,
    files: changes.map((c) => c.fileName),
    detail: `${badVersions.join(',')} -> ${good} as ${version}`,
  });
  return { badVersions, halted, republishAs, published: changes };
}
