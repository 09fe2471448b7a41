// `zkdesk inspect <bundle.zip> [--json]` checks a bundle against its manifest and prints what a
// support engineer needs first; `zkdesk inspect --diff a.zip b.zip` compares two bundles of one
// install. A tampered or incomplete bundle is still summarised, and the exit code is 2.
import type { Command } from 'commander';
import { ZkError } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import { openBundle } from '../../services/diagnostics/bundleReader.js';
import { formatSummary, summarizeBundle } from '../../services/diagnostics/bundleInspector.js';
import { diffBundles, formatDiff } from '../../services/diagnostics/bundleDiff.js';

export const EXIT_BUNDLE_NOT_INTACT = 2;

export function registerInspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('check and summarise a diagnostics bundle, or compare two with --diff')
    .argument('<bundle...>', 'bundle.zip (two with --diff)')
    .option('--diff', 'compare two bundles of the same install')
    .action(async (files: string[], opts: { diff?: boolean }, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      if (opts.diff ? files.length !== 2 : files.length !== 1) {
        throw new ZkError('E_INPUT_INVALID', opts.diff ? 'inspect --diff takes exactly two bundles.' : 'inspect takes one bundle (or two with --diff).');
      }
      const bundles = await Promise.all(files.map((f) => openBundle(f)));
      if (bundles.some((b) => !b.integrity.ok)) process.exitCode = EXIT_BUNDLE_NOT_INTACT;
      if (opts.diff) {
        const [a, b] = bundles as [(typeof bundles)[0], (typeof bundles)[0]];
        const diff = diffBundles(a, b);
        if (ctx.json) ctx.printJson({ ok: true, diff });
        else ctx.out(formatDiff(diff));
        return;
      }
      const summary = summarizeBundle(bundles[0]!);
      if (ctx.json) ctx.printJson({ ok: summary.integrity.ok, summary });
      else ctx.out(formatSummary(summary));
    });
}
