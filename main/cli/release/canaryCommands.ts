// `zkdesk release collect` and `release watch`: the receiver for installs' health reports (with
// its dashboard and an optional OTLP export) and the watcher that halts a release that is
// clearly worse than the one before. The SQLite driver and the OpenTelemetry SDK are loaded only
// by these commands, so the rest of `release` runs without them.
import { feedKeyOption, feedSignerFrom } from './feedSigningKey.js';
import path from 'node:path';
import type { Command } from 'commander';
import { ZkError } from '../../../common/errors.js';
import { makeContext, type CliContext } from '../cliContext.js';
import { isUpdateChannel, type UpdateChannel } from '../../../common/updates/updateChannel.js';

/** `release watch` exit codes: scripts and schedulers act on them. */
export const watchExitCodes = { healthy: 0, undecided: 2, halted: 3 } as const;

const DEFAULT_DB = 'health-reports.sqlite';

export interface CollectOptions {
  db: string;
  host: string;
  port: string;
  feed?: string;
  otlp?: string;
  otlpIntervalMs?: string;
}

/** Starts the receiver and waits for Ctrl-C (or SIGTERM); what it stored is committed as it arrives. */
export async function runCollector(ctx: CliContext, o: CollectOptions): Promise<void> {
  const { ReportStore } = await import('../../services/canary/reportStore.js');
  const { startReportCollector } = await import('../../services/canary/reportCollector.js');
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ZkError('E_RELEASE_REFUSED', `--port ${o.port} is not a port number.`);
  const store = new ReportStore(path.resolve(o.db));
  let metrics = null;
  if (o.otlp) {
    const { HealthMetricsExport } = await import('../../services/canary/healthMetricsExport.js');
    metrics = new HealthMetricsExport({ url: o.otlp, ...(o.otlpIntervalMs ? { intervalMs: Number(o.otlpIntervalMs) } : {}) });
  }
  const collector = await startReportCollector({
    store,
    host: o.host,
    port,
    feedDir: o.feed ? path.resolve(o.feed) : null,
    metrics,
    onReport: (outcome, detail) => {
      if (!ctx.json) ctx.out(`${outcome} ${detail}`);
    },
  });
  const info = { ok: true, reports: collector.reportsUrl, dashboard: collector.dashboardUrl, db: store.file, feed: o.feed ?? null, otlp: o.otlp ?? null };
  if (ctx.json) process.stdout.write(`${JSON.stringify(info)}\n`);
  else {
    ctx.out(`receiving health reports at ${collector.reportsUrl} (stored in ${store.file})`);
    if (o.feed) ctx.out(`serving the feed ${path.resolve(o.feed)} at ${collector.url}`);
    ctx.out(`dashboard: ${collector.dashboardUrl}`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await collector.close();
  await metrics?.close();
  store.close();
}

export function addCollectOptions(command: Command): Command {
  return command
    .option('--host <address>', 'address to listen on (127.0.0.1 unless you mean to take reports from other machines)', '127.0.0.1')
    .option('--port <n>', 'port (default: any free one)', '0')
    .option('--otlp <url>', 'also export every report as OpenTelemetry metrics to this OTLP/HTTP URL (…/v1/metrics)')
    .option('--otlp-interval-ms <n>', 'how often metrics are pushed to --otlp', '60000');
}

export function registerCanaryCommands(release: Command): void {
  addCollectOptions(
    release
      .command('collect')
      .description('receive health reports from installs into SQLite, with a dashboard (Ctrl-C stops it)')
      .option('--db <file>', 'the SQLite database (created if missing)', DEFAULT_DB)
      .option('--feed <dir>', 'also serve this feed folder, and show its halts on the dashboard'),
  ).action(async (_opts, cmd: Command) => {
    await runCollector(makeContext(cmd.optsWithGlobals()), cmd.opts<CollectOptions>());
  });

  release
    .command('watch')
    .description("compare the channel's current release with the one before from health reports; halt it when clearly worse")
    .requiredOption('--channel <channel>', 'stable or beta')
    .option('--db <file>', 'the database release collect writes', DEFAULT_DB)
    .option('--feed <dir>', 'the feed folder', 'feed')
    .option('--config <file>', 'thresholds (JSON): minInstalls, minProofs, confidence, minIncreasePer100, maxFailuresPer100, maxCrashesPer100')
    .option('--previous <version>', 'compare with this version (default: the highest lower version that reported)')
    .option('--dry-run', 'decide and print, but halt nothing and write nothing')
    .option(...feedKeyOption)
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ channel: string; db: string; feed: string; config?: string; previous?: string; dryRun?: boolean; key?: string }>();
      if (!isUpdateChannel(o.channel)) throw new ZkError('E_RELEASE_REFUSED', `Unknown channel "${o.channel}": use stable or beta.`);
      const channel: UpdateChannel = o.channel;
      const { loadCanaryConfig } = await import('../../services/canary/canaryConfig.js');
      const { ReportStore } = await import('../../services/canary/reportStore.js');
      const { watchRelease } = await import('../../services/canary/canaryWatch.js');
      const config = await loadCanaryConfig(o.config);
      const store = new ReportStore(path.resolve(o.db));
      try {
        const result = await watchRelease({
          feedDir: path.resolve(o.feed),
          channel,
          store,
          config,
          dryRun: Boolean(o.dryRun),
          ...(o.previous ? { previous: o.previous } : {}),
          // A halt is the same signed rewrite as `release halt`: it needs the feed key; a dry run does not.
          ...(o.dryRun ? {} : { signer: await feedSignerFrom(o.key) }),
        });
        const v = result.verdict;
        const headline = {
          healthy: `${channel} ${v.current.version} is not worse than ${v.previous?.version ?? 'the ceilings'}: the rollout continues.`,
          undecided: `${channel} ${v.current.version}: not enough reports yet to decide.`,
          halted: `${channel} ${v.current.version} is clearly worse: its rollout is halted.`,
          'already-halted': `${channel} ${v.current.version} is clearly worse, and its rollout was already halted.`,
          'would-halt': `${channel} ${v.current.version} is clearly worse: a run without --dry-run would halt it.`,
        }[result.outcome];
        if (ctx.json) ctx.printJson({ ok: true, ...result, config });
        else {
          ctx.out(headline);
          for (const reason of v.reasons) ctx.out(`  ${reason}`);
          for (const c of result.halted) ctx.out(`  ${c.fileName} ${c.version}: ${c.from === 0 ? 'already halted' : `halted (was ${c.from ?? 100} %)`}`);
          if (result.outcome === 'halted') ctx.out('  Why is in the release log. Installs that already have it keep it: see docs/release-runbook.md, "When the watcher halts".');
        }
        process.exitCode =
          result.outcome === 'healthy' ? watchExitCodes.healthy : result.outcome === 'undecided' ? watchExitCodes.undecided : watchExitCodes.halted;
      } finally {
        store.close();
      }
    });
}
