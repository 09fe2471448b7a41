// Binds electron-updater's real autoUpdater to the update service inside Electron. The feed
// URL comes from app-update.yml (written by electron-builder from the generic publish provider)
// or ZKDESK_UPDATE_URL, read through SignedFeedProvider so only signed channel files count; the
// channel comes from the user's settings; flags.json is fetched from beside the feed with
// Electron's net.fetch, so it goes through the same proxy settings as the updater itself.
import { app, net } from 'electron';
import electronUpdater from 'electron-updater';
import { FlagsClient, flagsCacheFile } from '../services/updates/flags/flagsClient.js';
import { signedFeedOptions } from '../services/updates/electronSignedFeedProvider.js';
import { StagedUpdateService } from '../services/updates/stagedUpdateService.js';
import type { UpdateChannel } from '../../common/updates/updateChannel.js';
import type { UpdaterEngine } from '../services/updates/updateService.js';

export interface ElectronUpdateServiceOptions {
  channel: UpdateChannel;
  /** The generic feed URL, the same one electron-builder.yml publishes to. */
  feedUrl: string;
  /** PEM public keys trusted to sign flags.json; shipped with the app. */
  trustedFlagKeysPem: readonly string[];
  /** PEM public keys trusted to sign the channel files; shipped with the app. */
  trustedFeedKeysPem: readonly string[];
  internal?: boolean;
}

export function createElectronUpdateService(options: ElectronUpdateServiceOptions): StagedUpdateService {
  // electron-updater is CommonJS; its autoUpdater is a lazy getter that picks the platform's updater.
  const updater = electronUpdater.autoUpdater;
  updater.setFeedURL(signedFeedOptions(options.feedUrl, options.trustedFeedKeysPem));
  const engine: UpdaterEngine = updater;
  const userDataDir = app.getPath('userData');
  const flags = new FlagsClient({
    url: new URL('flags.json', options.feedUrl.endsWith('/') ? options.feedUrl : `${options.feedUrl}/`).href,
    trustedPublicKeysPem: options.trustedFlagKeysPem,
    cacheFile: flagsCacheFile(userDataDir),
    fetchText: async (url) => {
      const response = await net.fetch(url);
      return { status: response.status, text: await response.text() };
    },
  });
  return new StagedUpdateService({
    engine,
    channel: options.channel,
    userDataDir,
    flags,
    autoDownload: true,
    ...(options.internal !== undefined ? { internal: options.internal } : {}),
  });
}
