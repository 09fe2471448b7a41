// A real feed for the update tests: fake installers with real bytes, channel files written by
// `release feed build`, served by `release serve` on 127.0.0.1.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFeed } from '../../../main/services/updates/release/feedBuild.js';
import { startFeedServer, type FeedServer } from '../../../main/services/updates/release/feedServer.js';
import type { UpdateChannel } from '../../../common/updates/updateChannel.js';
import { createNodeUpdater } from '../../../main/services/updates/electronUpdaterInNode.js';
import { StagedUpdateService } from '../../../main/services/updates/stagedUpdateService.js';
import { FeedSigner } from '../../../main/services/updates/keys/feedSignature.js';
import { readTrustedKeys } from '../../../main/services/updates/keys/trustedKeys.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** The committed development feed key (tests/fixtures/keys/development): what every test feed is signed with. */
export const devFeedKeyFile = path.join(repoRoot, 'tests', 'fixtures', 'keys', 'development', 'feed-signing.key');
export const devSigner = new FeedSigner(readFileSync(devFeedKeyFile, 'utf8'));
/** The feed keys a build from this checkout trusts: the development public key. */
export const devFeedKeys = readTrustedKeys(path.join(repoRoot, 'resources', 'keys'), 'feed').pems;

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `zkdesk-${prefix}-`));
}

/** Writes installers named as electron-builder.yml names them, with bytes unique to the version. */
export async function writeArtifacts(dir: string, version: string, kinds: ('deb' | 'AppImage' | 'exe' | 'arm64.deb')[]): Promise<string> {
  const out = path.join(dir, `artifacts-${version}-${kinds.join('-')}`);
  await mkdir(out, { recursive: true });
  for (const kind of kinds) {
    const name =
      kind === 'deb' ? `zkdesk_${version}_amd64.deb`
      : kind === 'arm64.deb' ? `zkdesk_${version}_arm64.deb`
      : kind === 'AppImage' ? `zkdesk-${version}-linux-x86_64.AppImage`
      : `zkdesk-${version}-win-x64.exe`;
    await writeFile(path.join(out, name), Buffer.alloc(64 * 1024 + version.length, `${kind}:${version}:`));
  }
  return out;
}

export interface Feed {
  /** Holds the feed folder and the artifacts folders written for it. */
  root: string;
  dir: string;
  server: FeedServer;
  publish(channel: UpdateChannel, version: string, kinds?: ('deb' | 'AppImage' | 'exe' | 'arm64.deb')[], percent?: number): Promise<void>;
}

export async function startFeed(): Promise<Feed> {
  const root = await tempDir('feed');
  const dir = path.join(root, 'feed');
  await mkdir(dir);
  const server = await startFeedServer({ dir });
  return {
    root,
    dir,
    server,
    async publish(channel, version, kinds = ['deb', 'AppImage', 'exe'], percent) {
      const artifactsDir = await writeArtifacts(root, version, kinds);
      await buildFeed({
        artifactsDir,
        feedDir: dir,
        channel,
        version,
        releaseNotes: `Notes for ${version}`,
        ...(percent !== undefined ? { stagingPercentage: percent } : {}),
        signer: devSigner,
      });
    },
  };
}

/** A staging id whose rollout position is `fraction` (0–1), by electron-updater's maths. */
export function stagingIdAt(fraction: number): string {
  const tail = Math.floor(fraction * 0xffffffff).toString(16).padStart(8, '0');
  return `5b0a8f2e-1c3d-5e4f-8a6b-7c8d${tail}`;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `node bin/zkdesk.js release …` as the release team runs it (from dist/, so `npx tsc -b` first),
 * signing with the development feed key (ZKDESK_FEED_KEY) unless `env` says otherwise; never throws.
 */
export async function releaseCli(cwd: string, ...args: string[]): Promise<CliResult> {
  return releaseCliWith({ ZKDESK_FEED_KEY: devFeedKeyFile }, cwd, ...args);
}

export async function releaseCliWith(env: Record<string, string | undefined>, cwd: string, ...args: string[]): Promise<CliResult> {
  const root = repoRoot;
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'zkdesk.js'), 'release', ...args], { cwd, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** An install of `version` on `channel`: electron-updater's real updater in Node, under the update policy. */
export async function installOf(feedUrl: string, version: string, channel: UpdateChannel, options: { stagingId?: string; platform?: 'linux' | 'win32'; trustedFeedKeysPem?: string[] } = {}) {
  const dataDir = await tempDir('install');
  if (options.stagingId) await writeFile(path.join(dataDir, '.updaterId'), options.stagingId);
  const engine = createNodeUpdater({
    version,
    feedUrl,
    trustedFeedKeysPem: options.trustedFeedKeysPem ?? devFeedKeys,
    userDataDir: dataDir,
    cacheDir: path.join(dataDir, 'cache'),
    ...(options.platform ? { platform: options.platform } : {}),
  });
  const service = new StagedUpdateService({ engine, channel, userDataDir: dataDir });
  return { dataDir, engine, service };
}
