// `release feed build`: from the real installers, the channel files for every platform and
// arch they cover, merged with what the feed already publishes. A second machine building
// another arch of the same version adds its entries instead of replacing the first one's;
// a version older than the channel's is refused (that is what rollback is for); a published
// installer is never overwritten with different bytes (clients may be downloading it).
// A build is planned in full before anything is written: every refusal comes from the plan,
// so a refused build leaves the feed exactly as it was ("nothing was published" stays true).
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import yaml from 'js-yaml';
import path from 'node:path';
import semver from 'semver';
import { ZkError } from '../../../../common/errors.js';
import { channelFileName, updaterChannelName, type UpdateChannel } from '../../../../common/updates/updateChannel.js';
import { scanArtifacts, sha512Base64, type Artifact } from './artifactScan.js';
import { nameCarriesVersion } from './artifactVersion.js';
import { listChannelFiles, readChannelFile, withStaging, writeChannelFile, type ChannelFile, type FeedFileEntry } from './channelFile.js';
import { appendReleaseLog } from './releaseLog.js';
import type { FeedSigner } from '../keys/feedSignature.js';

export interface FeedBuildOptions {
  artifactsDir: string;
  feedDir: string;
  channel: UpdateChannel;
  version: string;
  releaseNotes?: string;
  stagingPercentage?: number;
  /** Signs every channel file the build writes; files already in the feed must carry a signature it trusts. */
  signer: FeedSigner;
  now?: () => Date;
}

export interface ChannelFileChange {
  fileName: string;
  version: string;
  previousVersion: string | null;
  files: string[];
  stagingPercentage: number | null;
}

export interface FeedBuildPlan {
  version: string;
  releaseDate: string;
  /** Installers (and their .blockmap files) not yet in the feed, to copy there. */
  toCopy: FeedUpload[];
  writes: { fileName: string; file: ChannelFile; change: ChannelFileChange }[];
}

/** Every check a build makes, and the exact files it would write; writes nothing. */
export async function planFeedBuild(options: FeedBuildOptions): Promise<FeedBuildPlan> {
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
  const stale = artifacts.filter((a) => !nameCarriesVersion(a.fileName, version));
  if (stale.length > 0) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `${stale.map((a) => a.fileName).join(', ')} does not carry version ${version} in its name (exactly that version, not a longer one): it may be another build.`,
      { version },
    );
  }
  const uploads: FeedUpload[] = [...artifacts, ...(await blockMapsOf(artifacts))];
  const toCopy: FeedUpload[] = [];
  for (const upload of uploads) if (await needsCopy(upload, options.feedDir)) toCopy.push(upload);
  const blockMapSizes = await embeddedBlockMapSizes(options.artifactsDir);

  const releaseDate = (options.now ?? (() => new Date()))().toISOString();
  const byChannelFile = new Map<string, Artifact[]>();
  for (const artifact of artifacts) {
    const name = channelFileName(options.channel, artifact.platform, artifact.arch);
    byChannelFile.set(name, [...(byChannelFile.get(name) ?? []), artifact]);
  }
  const current = await currentPercentages(options, version);
  const writes: FeedBuildPlan['writes'] = [];
  for (const [fileName, group] of byChannelFile) {
    const entries = group.map((a): FeedFileEntry => {
      const blockMapSize = blockMapSizes.get(a.sha512);
      return { url: a.fileName, sha512: a.sha512, size: a.size, ...(blockMapSize !== undefined ? { blockMapSize } : {}) };
    });
    const write = await planMerge(options.feedDir, fileName, version, entries, releaseDate, options, true, current.get(updaterChannelName(options.channel)));
    if (write) writes.push(write);
    // As electron-builder's generateUpdatesFilesForAllChannels does: a stable release is also
    // offered on beta, unless beta already has something newer, so testers are never left behind.
    if (options.channel === 'stable') {
      const betaWrite = await planMerge(options.feedDir, fileName.replace(/^latest/, 'beta'), version, entries, releaseDate, options, false, current.get('beta'));
      if (betaWrite) writes.push(betaWrite);
    }
  }
  return { version, releaseDate, toCopy, writes };
}

/** Installers first, then channel files, so no client reads a file that lists a missing installer. */
export async function applyFeedBuild(plan: FeedBuildPlan, feedDir: string, signer: FeedSigner): Promise<ChannelFileChange[]> {
  await mkdir(feedDir, { recursive: true });
  for (const artifact of plan.toCopy) await copyFile(artifact.filePath, path.join(feedDir, artifact.fileName));
  for (const write of plan.writes) await writeChannelFile(feedDir, write.fileName, write.file, signer);
  for (const { change } of plan.writes) {
    await appendReleaseLog(feedDir, {
      at: plan.releaseDate,
      action: 'build',
      channel: change.fileName.startsWith('latest') ? 'stable' : 'beta',
      version: plan.version,
      stagingPercentage: change.stagingPercentage,
      files: change.files,
      detail: change.fileName,
    });
  }
  return plan.writes.map((w) => w.change);
}

export async function buildFeed(options: FeedBuildOptions): Promise<ChannelFileChange[]> {
  return applyFeedBuild(await planFeedBuild(options), options.feedDir, options.signer);
}

/**
 * The staging percentage each channel (by file prefix: latest, beta) already gives this version on
 * its other platforms and arches, or nothing. A second machine adding an arch to a release staged
 * at 0 % must not open that arch to everyone. Files that disagree (mid-change) give the lowest.
 */
async function currentPercentages(options: FeedBuildOptions, version: string): Promise<Map<string, number | undefined>> {
  const byPrefix = new Map<string, number | undefined>();
  for (const ref of await listChannelFiles(options.feedDir)) {
    const file = await readChannelFile(options.feedDir, ref.fileName, options.signer);
    if (!file || !semver.eq(file.version, version)) continue;
    const prefix = ref.fileName.startsWith('latest') ? 'latest' : 'beta';
    const percent = file.stagingPercentage ?? 100;
    const known = byPrefix.has(prefix) ? (byPrefix.get(prefix) ?? 100) : 100;
    byPrefix.set(prefix, Math.min(known, percent) >= 100 ? undefined : Math.min(known, percent));
  }
  return byPrefix;
}

async function planMerge(
  feedDir: string,
  fileName: string,
  version: string,
  entries: FeedFileEntry[],
  releaseDate: string,
  options: FeedBuildOptions,
  refuseOlder: boolean,
  channelPercent: number | undefined,
): Promise<FeedBuildPlan['writes'][number] | null> {
  const existing = await readChannelFile(feedDir, fileName, options.signer);
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
  const percent = options.stagingPercentage ?? (sameVersion ? existing.stagingPercentage : channelPercent);
  const file = withStaging(merged, percent);
  return {
    fileName,
    file,
    change: {
      fileName,
      version,
      previousVersion: existing?.version ?? null,
      files: file.files.map((f) => f.url),
      stagingPercentage: file.stagingPercentage ?? null,
    },
  };
}

/** A file the feed serves: an installer, or the .blockmap electron-builder wrote beside it. */
export interface FeedUpload {
  fileName: string;
  filePath: string;
  sha512: string;
}

/**
 * The <installer>.blockmap files electron-builder writes beside NSIS and zip installers: with
 * them on the feed, electron-updater downloads only the blocks that changed since the installed
 * version (a differential download); without them every update is a full download.
 */
async function blockMapsOf(artifacts: Artifact[]): Promise<FeedUpload[]> {
  const maps: FeedUpload[] = [];
  for (const artifact of artifacts) {
    const filePath = `${artifact.filePath}.blockmap`;
    const info = await stat(filePath).catch(() => null);
    if (info?.isFile()) maps.push({ fileName: `${artifact.fileName}.blockmap`, filePath, sha512: await sha512Base64(filePath) });
  }
  return maps;
}

/**
 * blockMapSize by installer sha512, from the channel files electron-builder wrote into the
 * artifacts folder: an AppImage carries its block map inside it, and only electron-builder knows
 * where it starts. Matched by sha512, so a stale file cannot lend its number to other bytes.
 */
async function embeddedBlockMapSizes(artifactsDir: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const name of await readdir(artifactsDir)) {
    if (!name.endsWith('.yml')) continue;
    let parsed: unknown;
    try {
      parsed = yaml.load(await readFile(path.join(artifactsDir, name), 'utf8'));
    } catch {
      continue;
    }
    const files = (parsed as { files?: unknown } | null)?.files;
    if (!Array.isArray(files)) continue;
    for (const entry of files as { sha512?: unknown; blockMapSize?: unknown }[]) {
      if (typeof entry.sha512 === 'string' && Number.isInteger(entry.blockMapSize)) sizes.set(entry.sha512, entry.blockMapSize as number);
    }
  }
  return sizes;
}

/** False when the feed already holds these exact bytes; refused when it holds different ones. */
async function needsCopy(artifact: FeedUpload, feedDir: string): Promise<boolean> {
  const target = path.join(feedDir, artifact.fileName);
  if (path.resolve(target) === path.resolve(artifact.filePath)) return false;
  const published = await sha512Base64(target).catch(() => null);
  if (published === artifact.sha512) return false;
  if (published !== null) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `${artifact.fileName} is already published with different contents; a published installer is never replaced.`,
      { file: artifact.fileName },
    );
  }
  return true;
}
