// `zkdesk bundle`: one zip a support engineer can trust, redacted, checksummed and capped.
// `--preview` shows every section with its size (and `--show <path>` the exact text of a file)
// without writing anything, so the user sees what would leave the machine.
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import { appVersion } from '../appVersion.js';
import { peekSettings } from '../../services/settings/settingsStore.js';
import { planBundle } from '../../services/diagnostics/bundlePlan.js';
import { DEFAULT_SIZE_CAP_BYTES, previewBundle } from '../../services/diagnostics/bundleSelection.js';
import { writeBundle } from '../../services/diagnostics/bundleWriter.js';
import { sectionIds, type SectionId } from '../../../common/diagnostics/bundleManifest.js';
import { localBundleSources } from '../../services/diagnostics/localBundleSources.js';
import { createRedactor, processRedactionContext } from '../../services/diagnostics/redact.js';
import { formatBytes } from '../../../common/format/byteUnits.js';
import { bundleFileName } from '../../services/diagnostics/bundleFileName.js';

interface BundleOptions {
  out?: string;
  since?: string;
  capMb?: string;
  exclude?: string[];
  includeCrashDumps?: boolean;
  preview?: boolean;
  show?: string;
}

function positive(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new ZkError('E_INPUT_INVALID', `--${name} must be a positive number.`, { [name]: value });
  return n;
}

function sections(values: string[] | undefined): SectionId[] {
  const known = new Set<string>(sectionIds);
  for (const v of values ?? []) {
    if (!known.has(v)) throw new ZkError('E_INPUT_INVALID', `Unknown section "${v}".`, { sections: sectionIds.join(', ') });
  }
  return (values ?? []) as SectionId[];
}

async function resolveOut(out: string | undefined, createdAt: string): Promise<string> {
  const name = bundleFileName(createdAt);
  if (!out) return path.resolve(name);
  const isDir = await stat(out).then((s) => s.isDirectory(), () => false);
  return isDir ? path.resolve(out, name) : path.resolve(out);
}

export function registerBundleCommand(program: Command): void {
  program
    .command('bundle')
    .description('write a redacted diagnostics bundle (zip) for support')
    .option('--out <file>', 'where to write the zip (a folder gets a dated file name)')
    .option('--since <days>', 'only logs, jobs, crashes and benchmarks from the last N days')
    .option('--cap-mb <MiB>', 'size cap; the newest data is kept first', String(DEFAULT_SIZE_CAP_BYTES / 1024 / 1024))
    .option('--exclude <sections...>', `leave sections out (${sectionIds.join(', ')})`)
    .option('--include-crash-dumps', 'add minidumps (raw process memory, not redactable)')
    .option('--preview', 'show what would be written, and write nothing')
    .option('--show <path>', 'with --preview: print one file exactly as it would be written')
    .action(async (opts: BundleOptions, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const sinceDays = positive(opts.since, 'since');
      const capBytes = Math.floor((positive(opts.capMb, 'cap-mb') ?? DEFAULT_SIZE_CAP_BYTES / 1024 / 1024) * 1024 * 1024);
      const exclude = sections(opts.exclude);
      const include: SectionId[] = opts.includeCrashDumps ? ['crashDumps'] : [];

      const settings = await peekSettings(ctx.dataDir);
      const version = appVersion();
      const redactor = createRedactor(processRedactionContext({ keep: settings ? [settings.installId] : [] }));
      const sources = localBundleSources({
        dataDir: ctx.dataDir,
        appVersion: version,
        predictedTimeWarnSec: settings?.predictedTimeWarnSec ?? 30,
        workerMemoryCapMb: settings?.workerMemoryCapMb ?? null,
      });
      const plan = await planBundle({ dataDir: ctx.dataDir, sources, redactor, sinceDays });
      const selection = { sizeCapBytes: capBytes, exclude, include };
      const about = { app: { version, channel: settings?.updateChannel ?? 'unknown' }, installId: settings?.installId ?? null };

      if (opts.preview || opts.show) {
        const preview = previewBundle(plan, selection, about);
        if (opts.show) {
          const entry = [...preview.sections.flatMap((s) => s.entries), preview.manifest].find((e) => e.path === opts.show);
          if (!entry) throw new ZkError('E_INPUT_INVALID', `"${opts.show}" would not be in the bundle.`, { path: opts.show });
          // Exactly as written: the manifest ends in its own newline.
          if (entry.text !== null) process.stdout.write(entry.text);
          else ctx.out(`(binary, ${entry.bytes} bytes)`);
          return;
        }
        if (ctx.json) {
          ctx.printJson({ ok: true, preview });
          return;
        }
        ctx.out(`Would write ${formatBytes(preview.contentBytes)} of content (cap ${formatBytes(preview.sizeCapBytes)}):`);
        ctx.out(`  [x] ${'manifest'.padEnd(12)} ${formatBytes(preview.manifest.bytes).padStart(10)}  ${preview.manifest.path}: the table of contents, every file's size and sha256, what was cut`);
        for (const s of preview.sections) {
          ctx.out(`  ${s.included ? '[x]' : '[ ]'} ${s.id.padEnd(12)} ${formatBytes(s.bytes).padStart(10)}  ${s.title}${s.reason ? ` (${s.reason})` : ''}`);
          for (const e of s.entries) ctx.out(`        ${e.path}  ${formatBytes(e.bytes)}${e.cut ? `  (${e.cut})` : ''}`);
        }
        ctx.out('See any file exactly as it would be sent with --preview --show <path>; leave a section out with --exclude <id>.');
        return;
      }

      const outPath = await resolveOut(opts.out, plan.createdAt);
      const written = await writeBundle(plan, {
        ...selection,
        ...about,
        outPath,
      });
      if (ctx.json) {
        ctx.printJson({ ok: true, path: written.path, bytes: written.bytes, manifest: written.manifest });
        return;
      }
      ctx.out(`Wrote ${written.path} (${formatBytes(written.bytes)}, ${written.manifest.files.length} files).`);
      const left = written.manifest.sections.filter((s) => !s.included);
      for (const s of left) ctx.out(`  not included: ${s.id} (${s.reason ?? 'no reason'})`);
      for (const c of written.manifest.cut) ctx.out(`  cut: ${c.path} (${c.reason})`);
    });
}
