// The update service for hosts that run in plain Node (`zkdesk serve`): electron-updater's own
// classes through electronUpdaterInNode.ts, flags.json from beside the feed, the same policy
// class as the Electron app. Given a feed URL the headless host can show and drive the real
// update states in the real UI, which is how the browser tests reach Settings → Updates.
import path from 'node:path';
import { FlagsClient, flagsCacheFile } from './flags/flagsClient.js';
import { createNodeUpdater } from './electronUpdaterInNode.js';
import { StagedUpdateService } from './stagedUpdateService.js';
import { readUpdateIdentity } from './updateIdentity.js';

export interface NodeUpdateServiceOptions {
  /** The version this host reports as installed. */
  version: string;
  feedUrl: string;
  /** Holds settings.json (channel, internal cohort) and .updaterId (the staging id). */
  dataDir: string;
  trustedFlagKeysPem: readonly string[];
  trustedFeedKeysPem: readonly string[];
}

export function flagsUrlBeside(feedUrl: string): string {
  return new URL('flags.json', feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`).href;
}

export async function createNodeUpdateService(options: NodeUpdateServiceOptions): Promise<StagedUpdateService> {
  const identity = await readUpdateIdentity(options.dataDir);
  const engine = createNodeUpdater({
    version: options.version,
    feedUrl: options.feedUrl,
    trustedFeedKeysPem: options.trustedFeedKeysPem,
    userDataDir: options.dataDir,
    cacheDir: path.join(options.dataDir, 'cache'),
    platform: process.platform === 'win32' ? 'win32' : 'linux',
  });
  const flags = new FlagsClient({
    url: flagsUrlBeside(options.feedUrl),
    trustedPublicKeysPem: options.trustedFlagKeysPem,
    cacheFile: flagsCacheFile(options.dataDir),
    fetchText: async (url) => {
      const response = await fetch(url);
      return { status: response.status, text: await response.text() };
    },
  });
  // No automatic download, and no install: a headless host is for looking at the states and
  // checking that a release downloads and verifies; installing needs the desktop app.
  return new StagedUpdateService({ engine, channel: identity.channel, internal: identity.internal, userDataDir: options.dataDir, flags, canInstall: false });
}
