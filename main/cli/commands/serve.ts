// `zkdesk serve`: the headless host. Prints a URL with a one-time token; open it in any
// Chromium on this machine to use the real UI against the real services. Given an update feed
// (--update-feed or ZKDESK_UPDATE_URL, as for the app) it runs the real update service against
// it, so Settings → Updates shows and drives the real states; without one it has no updater.
// The host's wiring is main/host/startHost.ts; this file only reads the options.
import type { Command } from 'commander';
import { makeContext } from '../cliContext.js';
import { appVersion } from '../appVersion.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the zkdesk UI on 127.0.0.1 for a browser (headless host), behind a random token')
    .option('--port <port>', 'port to listen on (default: a free one)', '0')
    .option('--update-feed <url>', 'an update feed to check (default: ZKDESK_UPDATE_URL; none: no updates)')
    .action(async (opts: { port: string; updateFeed?: string }, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      // Loaded on demand: the services would slow every other command's start.
      const { startZkdeskHost } = await import('../../host/startHost.js');
      const feedUrl = opts.updateFeed ?? process.env.ZKDESK_UPDATE_URL;
      const host = await startZkdeskHost({
        dataDir: ctx.dataDir,
        dataDirSource: ctx.dataDirSource,
        appVersion: appVersion(),
        port: Number(opts.port),
        ...(feedUrl ? { feedUrl } : {}),
      });
      if (ctx.json) ctx.printJson({ url: host.url, port: host.port });
      else ctx.out(`zkdesk is serving its UI at\n  ${host.url}\nOpen it in a browser on this machine. Ctrl+C stops it.`);

      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
    });
}
