// `release feed build`: from the real installers, the channel files for every platform and
// arch they cover, merged with what the feed already publishes. A second machine building
// another arch of the same version adds its entries instead of replacing the first one's;
// a version older than the channel's is refused (that is what rollback is for); a published
// installer is never overwritten with different bytes (clients may be downloading it).
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { ZkError } from '../../../../common/errors.js';
import { channelFileName, type UpdateChannel } from '../updateChannel.js';
import { scanArtifacts, sha512Base64, type Artifact } from './artifactScan.js';
import { readChannelFile, withStaging, writeChannelFile, type ChannelFile, type FeedFileEntry } from './channelFile.js';
import { appendReleaseLog } from './releaseLog.js';

export interface FeedBuildOptions {
  artifactsDir: string;
  feedDir: string;
  channel: UpdateChannel;
  version: string;
  releaseNotes?: string;
  stagingPercentage?: number;
  now?: () => Date;
}

export interface ChannelFileChange {
  fileName: string;
  version: string;
  previousVersion: string | null;
  files: string[];
  stagingPercentage: number | null;
}

export async function buildFeed(options: FeedBuildOptions): Promise<ChannelFileChange[]> {
  const version = semver.valid(options.version);
  if (!version) throw new ZkError('E_RELEASE_REFUSED', `${options.version} is not a semantic version.`);
  const artifacts = await scanArtifacts(options.artifactsDir).catch((error: unknown) => {
    throw new ZkError('E_RELEASE_REFUSED', `The artifacts folder cannot be read: ${options.artifactsDir}`, {
      reason: String(error),
    });
  });
  if (artifacts.length === 0) {
    throw new ZkError('E_RELEASE_REFUSED', `No installers (.AppImage, .deb, .rpm, .exe, .dmg, .zip) in ${options.artifactsDir}.`);
  }
  const stale = artifacts.filter((a) => !a.fileName.includes(version));
  if (stale.length > 0) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `${stale.map((a) => a.fileName).join(', ')} does not carry version ${version} in its name: it may be an older build.`,
      { version },
    );
  }

  await mkdir(options.feedDir, { recursive: true });
  for (const artifact of artifacts) await publishArtifact(artifact, options.feedDir);

  const releaseDate = (options.now ?? (() => new Date()))().toISOString();
  const byChannelFile = new Map<string, Artifact[]>();
  for (const artifact of artifacts) {
    const name = channelFileName(options.channel, artifact.platform, artifact.arch);
    byChannelFile.set(name, [...(byChannelFile.get(name) ?? []), artifact]);
  }

  const changes: ChannelFileChange[] = [];
  for (const [fileName, group] of byChannelFile) {
    const entries = group.map((a): FeedFileEntry => ({ url: a.fileName, sha512: a.sha512, size: a.size }));
    const change = await mergeInto(options.feedDir, fileName, version, entries, releaseDate, options, true);
    if (change) changes.push(change);
    // As electron-builder's generateUpdatesFilesForAllChannels does: a stable release is also
    // offered on beta, unless beta already has something newer, so testers are never left behind.
    if (options.channel === 'stable') {
      const betaName = fileName.replace(/^latest/, 'beta');
      const betaChange = await mergeInto(options.feedDir, betaName, version, entries, releaseDate, options, false);
      if (betaChange) changes.push(betaChange);
    }
  }
  for (const change of changes) {
    await appendReleaseLog(options.feedDir, {
      at: releaseDate,
      action: 'build',
      channel: change.fileName.startsWith('latest') ? 'stable' : 'beta',
      version,
      stagingPercentage: change.stagingPercentage,
      files: change.files,
      detail: change.fileName,
    });
  }
  return changes;
}

async function mergeInto(
  feedDir: string,
  fileName: string,
  version: string,
  entries: FeedFileEntry[],
  releaseDate: string,
  options: FeedBuildOptions,
  refuseOlder: boolean,
): Promise<ChannelFileChange | null> {
  const existing = await readChannelFile(feedDir, fileName);
  if (existing && semver.gt(existing.version, version)) {
    if (!refuseOlder) return null;
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `${fileName} already offers ${existing.version}; publishing ${version} there would move the channel back. Clients never downgrade on their own: use release rollback.`,
      { file: fileName, published: existing.version, version },
    );
  }
  const sameVersion = existing !== null && semver.eq(existing.version, version);
  const kept = sameVersion ? existing.files.filter((f) => !entries.some((e) => e.url === f.url)) : [];
  const merged: ChannelFile = {
    version,
    files: [...kept, ...entries],
    path: '',
    sha512: '',
    releaseDate: sameVersion ? existing.releaseDate : releaseDate,
    ...(options.releaseNotes !== undefined
      ? { releaseNotes: options.releaseNotes }
      : sameVersion && existing.releaseNotes !== undefined
        ? { releaseNotes: existing.releaseNotes }
        : {}),
  };
  const percent = options.stagingPercentage ?? (sameVersion ? existing.stagingPercentage : undefined);
  const final = withStaging(merged, percent);
  await writeChannelFile(feedDir, fileName, final);
  return {
    fileName,
    version,
    previousVersion: existing?.version ?? null,
    files: final.files.map((f) => f.url),
    stagingPercentage: final.stagingPercentage ?? null,
  };
}

async function publishArtifact(artifact: Artifact, feedDir: string): Promise<void> {
  const target = path.join(feedDir, artifact.fileName);
  if (path.resolve(target) === path.resolve(artifact.filePath)) return;
  const published = await sha512Base64(target).catch(() => null);
  if (published === artifact.sha512) return;
  if (published !== null) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `${artifact.fileName} is already published with different contents; a published installer is never replaced.`,
      { file: artifact.fileName },
    );
  }
  await copyFile(artifact.filePath, target);
}
