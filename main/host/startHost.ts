// The headless host's composition, as main/app/main.ts is the app's: the shared services (with
// the real update service when a feed is given), the contract's handlers for a browser, and the
// HTTP/WebSocket bridge on 127.0.0.1. `zkdesk serve` only parses its options and calls this.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../common/errors.js';
import { projectRoot, resourcesDir } from '../../node/resourcePaths.js';
import { ZkdeskApi } from '../api/apiHandlers.js';
import { ZkdeskServices } from '../api/zkdeskServices.js';
import { loadHelpArticles } from '../services/help/helpLoader.js';
import { NodeWorkerLauncher } from '../services/prover/nodeWorkerLauncher.js';
import type { DataDirSource } from '../services/settings/dataDirLocation.js';
import { readTrustedKeys } from '../services/updates/keys/trustedKeys.js';
import { createNodeUpdateService } from '../services/updates/nodeUpdateService.js';
import { bundleDownloadPath, startHeadlessHost, type RunningHost } from './headlessHost.js';

export interface HostOptions {
  dataDir: string;
  dataDirSource: DataDirSource;
  appVersion: string;
  /** 0: any free port. */
  port: number;
  /** An update feed to check; none: the host runs without an updater. */
  feedUrl?: string;
}

/** The built renderer the host serves: ZKDESK_RENDERER_DIR, else renderer/dist. */
function builtRenderer(): string {
  const rendererDir = process.env.ZKDESK_RENDERER_DIR ?? path.join(projectRoot(), 'renderer', 'dist');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new ZkError('E_ARTIFACT_MISSING', 'The UI is not built yet: run `npm run build` first.', { rendererDir: path.basename(rendererDir) });
  }
  return rendererDir;
}

async function openServices(options: HostOptions): Promise<ZkdeskServices> {
  const { dataDir, dataDirSource, appVersion, feedUrl } = options;
  let updates = null;
  if (feedUrl) {
    if (!/^https?:\/\//i.test(feedUrl)) throw new ZkError('E_UPDATE_UNREACHABLE', `The update feed ${feedUrl} is not an http(s) URL.`, { feedUrl });
    // The update service exists before the services do: they read its state for advice and bundles.
    const keys = path.join(resourcesDir(), 'keys');
    updates = await createNodeUpdateService({
      version: appVersion,
      feedUrl,
      dataDir,
      trustedFlagKeysPem: readTrustedKeys(keys, 'flags').pems,
      trustedFeedKeysPem: readTrustedKeys(keys, 'feed').pems,
    });
  }
  return ZkdeskServices.open({
    dataDir,
    dataDirSource,
    launcher: new NodeWorkerLauncher(),
    appVersion,
    processName: 'host',
    ...(updates ? { updates } : {}),
    feedUrl: feedUrl ?? null,
  });
}

/** Starts the host; close() stops the bridge, then the services and their workers. */
export async function startZkdeskHost(options: HostOptions): Promise<RunningHost & { settingsRecovery: ZkdeskServices['settingsRecovery'] }> {
  const rendererDir = builtRenderer();
  const services = await openServices(options);
  const bundleDir = path.join(options.dataDir, 'bundles');
  await mkdir(bundleDir, { recursive: true, mode: 0o700 });
  const api = new ZkdeskApi(services, {
    kind: 'browser',
    bundleDir: () => bundleDir,
    // No dialog here: a written bundle downloads through the page, from the host's own URL.
    bundleDownloadUrl: bundleDownloadPath,
    helpArticles: () => loadHelpArticles(path.join(resourcesDir(), 'help')),
  });
  const log = services.logger.scope('host');
  const host = await startHeadlessHost({ api, rendererDir, port: options.port, log: (msg, fields) => log.info(fields ?? {}, msg) });
  void services.warmUp();
  return {
    ...host,
    // A damaged settings file recovered at start: the command that started the host says so.
    settingsRecovery: services.settingsRecovery,
    close: async () => {
      await host.close();
      await services.close();
    },
  };
}
