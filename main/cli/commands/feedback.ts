// `zkdesk feedback --message <text> [--attach-bundle]`: the feedback is written to the outbox
// first, then everything pending is sent to the endpoint in settings. What cannot be sent stays
// in the outbox for the next run (`zkdesk feedback --flush` sends it without a new message).
import type { Command } from 'commander';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import { appVersion } from '../appVersion.js';
import { peekSettings } from '../../services/settings/settingsStore.js';
import { FeedbackOutbox } from '../../services/diagnostics/feedbackOutbox.js';
import { createRedactor, processRedactionContext } from '../../services/diagnostics/redact.js';
import { planBundle } from '../../services/diagnostics/bundlePlan.js';
import { writeBundle } from '../../services/diagnostics/bundleWriter.js';
import { DEFAULT_SIZE_CAP_BYTES } from '../../services/diagnostics/bundleSelection.js';
import { localBundleSources } from '../../services/diagnostics/localBundleSources.js';
import { workerRuntimeProbe } from '../workerRuntimeProbe.js';
import { FeedbackCredentialStore, FEEDBACK_CREDENTIALS_FILE } from '../../services/settings/feedbackCredentials.js';

interface FeedbackOptions {
  message?: string;
  attachBundle?: boolean;
  flush?: boolean;
}

export function registerFeedbackCommand(program: Command): void {
  program
    .command('feedback')
    .description('send beta feedback (kept in an outbox until it is delivered)')
    .option('--message <text>', 'what you want to tell us')
    .option('--attach-bundle', 'attach a redacted diagnostics bundle')
    .option('--flush', 'only send what is waiting in the outbox')
    .action(async (opts: FeedbackOptions, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      if (!opts.flush && !opts.message) throw new ZkError('E_INPUT_INVALID', 'Give a --message (or --flush to send what is waiting).');
      const settings = await peekSettings(ctx.dataDir);
      const version = appVersion();
      const redactor = createRedactor(processRedactionContext({ keep: settings ? [settings.installId] : [] }));
      const outbox = new FeedbackOutbox({ dataDir: ctx.dataDir, redactor });

      let queuedId: string | null = null;
      if (opts.message) {
        let scratch: string | null = null;
        try {
          let bundlePath: string | undefined;
          if (opts.attachBundle) {
            // Inside the data directory, like everything zkdesk writes: a bundle is diagnostics, and
            // a shared temp folder is readable by others on some systems and cleaned by nobody.
            await mkdir(path.join(ctx.dataDir, 'cache'), { recursive: true, mode: 0o700 });
            scratch = await mkdtemp(path.join(ctx.dataDir, 'cache', 'feedback-'));
            const sources = localBundleSources({
              dataDir: ctx.dataDir,
              appVersion: version,
              predictedTimeWarnSec: settings?.predictedTimeWarnSec ?? 30,
              workerMemoryCapMb: settings?.workerMemoryCapMb ?? null,
              probes: workerRuntimeProbe,
            });
            const plan = await planBundle({ dataDir: ctx.dataDir, sources, redactor });
            bundlePath = (
              await writeBundle(plan, {
                outPath: path.join(scratch, 'diagnostics.zip'),
                sizeCapBytes: DEFAULT_SIZE_CAP_BYTES,
                app: { version, channel: settings?.updateChannel ?? 'unknown' },
                installId: settings?.installId ?? null,
              })
            ).path;
          }
          const item = await outbox.enqueue({
            message: opts.message,
            installId: settings?.installId ?? null,
            appVersion: version,
            channel: settings?.updateChannel ?? 'unknown',
            ...(bundlePath ? { bundlePath } : {}),
          });
          queuedId = item.id;
        } finally {
          if (scratch) await rm(scratch, { recursive: true, force: true });
        }
      }

      const endpoint = settings?.feedbackEndpoint ?? null;
      const headers = endpoint ? await credentialHeaders(ctx.dataDir) : {};
      const report = endpoint ? await outbox.sendAll(endpoint, { headers }) : { sent: [], kept: (await outbox.pending()).map((p) => ({ id: p.id, error: 'no feedback endpoint is set' })) };
      if (report.kept.length > 0) process.exitCode = 3;
      if (ctx.json) {
        ctx.printJson({ ok: report.kept.length === 0, queued: queuedId, sent: report.sent, kept: report.kept, outbox: outbox.dir });
        return;
      }
      if (queuedId) ctx.out(`Feedback ${queuedId} saved to the outbox.`);
      if (report.sent.length) ctx.out(`Sent ${report.sent.length} item(s).`);
      for (const k of report.kept) ctx.out(`Not sent yet, kept for the next try: ${k.id} (${k.error})`);
    });
}

/**
 * The endpoint's user name and password, which the CLI keeps in clear: said on stderr each time
 * they are used, so nobody takes them for protected. Ones the desktop app sealed with the OS
 * keychain cannot be opened here, which is said too.
 */
async function credentialHeaders(dataDir: string): Promise<Record<string, string>> {
  const store = new FeedbackCredentialStore(dataDir);
  const { credentials, sealedElsewhere } = await store.load();
  if (sealedElsewhere) {
    process.stderr.write(`note: the feedback address's credentials were sealed by the desktop app's keychain; the CLI cannot read them and sends without.\n`);
    return {};
  }
  if (!credentials) return {};
  process.stderr.write(`note: the feedback address's user name and password are stored in clear in ${FEEDBACK_CREDENTIALS_FILE} in the data directory (readable by your user only): the CLI has no OS keychain.\n`);
  return store.headers();
}
