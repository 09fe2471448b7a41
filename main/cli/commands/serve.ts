// `zkdesk serve`: the headless host. Prints a URL with a one-time token; open it in any
// Chromium on this machine to use the real UI against the real services. Given an update feed
// (--update-feed or ZKDESK_UPDATE_URL, as for the app) it runs the real update service against
// it, so Settings → Updates shows and drives the real states; without one it has no updater.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ZkError } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import { ZkdeskApi } from '../../api/apiHandlers.js';
import { openCliServices } from '../openServices.js';
import { appVersion } from '../appVersion.js';
import { startHeadlessHost } from '../../host/headlessHost.js';
import { loadHelpArticles } from '../../services/help/helpLoader.js';
import { projectRoot, resourcesDir } from '../../../node/resourcePaths.js';
import type { DataDirSource } from '../../services/settings/dataDirLocation.js';

/** openCliServices, plus the update service, which has to exist before the services do. */
async function openServicesWithUpdates(dataDir: string, dataDirSource: DataDirSource, feedUrl: string) {
  if (!/^https?:\/\//i.test(feedUrl)) throw new ZkError('E_UPDATE_UNREACHABLE', `The update feed ${feedUrl} is not an http(s) URL.`, { feedUrl });
  const [{ ZkdeskServices }, { NodeWorkerLauncher }, { createNodeUpdateService }, { readTrustedFlagKeys }] = await Promise.all([
    import('../../api/zkdeskServices.js'),
    import('../../services/prover/nodeWorkerLauncher.js'),
    import('../../services/updates/nodeUpdateService.js'),
    import('../../services/updates/flags/trustedFlagKeys.js'),
  ]);
  const updates = await createNodeUpdateService({
    version: appVersion(),
    feedUrl,
    dataDir,
    trustedFlagKeysPem: readTrustedFlagKeys(path.join(resourcesDir(), 'keys')).pems,
  });
  return ZkdeskServices.open({ dataDir, dataDirSource, launcher: new NodeWorkerLauncher(), appVersion: appVersion(), processName: 'host', updates });
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the zkdesk UI on 127.0.0.1 for a browser (headless host), behind a random token')
    .option('--port <port>', 'port to listen on (default: a free one)', '0')
    .option('--update-feed <url>', 'an update feed to check (default: ZKDESK_UPDATE_URL; none: no updates)')
    .action(async (opts: { port: string; updateFeed?: string }, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const rendererDir = process.env.ZKDESK_RENDERER_DIR ?? path.join(projectRoot(), 'renderer', 'dist');
      if (!existsSync(path.join(rendererDir, 'index.html'))) {
        throw new ZkError('E_ARTIFACT_MISSING', 'The UI is not built yet: run `npm run build` first.', { rendererDir: path.basename(rendererDir) });
      }
      const feedUrl = opts.updateFeed ?? process.env.ZKDESK_UPDATE_URL;
      const services = feedUrl ? await openServicesWithUpdates(ctx.dataDir, ctx.dataDirSource, feedUrl) : await openCliServices(ctx, 'host');
      const bundleDir = path.join(ctx.dataDir, 'bundles');
      await mkdir(bundleDir, { recursive: true });
      const api = new ZkdeskApi(services, {
        kind: 'browser',
        bundleDir: () => bundleDir,
        helpArticles: () => loadHelpArticles(path.join(resourcesDir(), 'help')),
      });
      const log = services.logger.scope('host');
      const host = await startHeadlessHost({ api, rendererDir, port: Number(opts.port), log: (msg, fields) => log.info(fields ?? {}, msg) });
      void services.warmUp();
      if (ctx.json) ctx.printJson({ url: host.url, port: host.port });
      else ctx.out(`zkdesk is serving its UI at\n  ${host.url}\nOpen it in a browser on this machine. Ctrl+C stops it.`);

      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      await services.close();
    });
}
