// The `cli` scope of the logs: each command's start and, when it fails, its error code, so a
// bundle shows what was run on this machine and what went wrong. Never option values or inputs:
// only the command and the names of the options given.
import type { Command } from 'commander';
import type { GlobalOptions } from './cliContext.js';
import { makeContext } from './cliContext.js';

export interface CommandLog {
  failed(code: string, helpId: string): void;
  close(): void;
}

/**
 * Commands that only read write nothing, not even a log: help (what someone runs to find out what
 * zkdesk is), profile, circuits and verify (a support engineer's look at a machine must not leave
 * a data directory behind), inspect (a bundle someone sent), and release (it keeps its own log in
 * the feed).
 */
const UNLOGGED = new Set(['help', 'profile', 'circuits', 'verify', 'inspect', 'release']);

/** `release feed build`, from the command that runs up to (not including) `zkdesk`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The long names of the options the user gave on the command line (not their values, not defaults). */
function optionsGiven(command: Command): string[] {
  const given: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) {
    for (const option of c.options) {
      if (c.getOptionValueSource(option.attributeName()) === 'cli') given.push(option.long ?? option.flags);
    }
  }
  return given.sort();
}

/** Opens the `cli` log for the command about to run, with the levels and limits in settings. */
export async function openCommandLog(opts: GlobalOptions, command: Command): Promise<CommandLog | null> {
  const name = commandPath(command);
  if (!name || UNLOGGED.has(name.split(' ')[0] ?? '')) return null;
  const { dataDir } = makeContext(opts);
  // Loaded here, not at the top: `zkdesk --version` and help never pay for pino.
  const [{ createDiagnosticsLogger }, { peekSettings }] = await Promise.all([import('../services/diagnostics/logger.js'), import('../services/settings/settingsStore.js')]);
  const settings = await peekSettings(dataDir);
  const logger = createDiagnosticsLogger({
    dataDir,
    processName: 'cli',
    maxBytes: settings?.logMaxBytes ?? 5 * 1024 * 1024,
    retentionDays: settings?.logRetentionDays ?? 14,
    level: settings?.logLevel ?? 'info',
  });
  const log = logger.scope('cli');
  log.info({ command: name, options: optionsGiven(command) }, 'command started');
  return {
    failed: (code, helpId) => log.warn({ command: name, code, helpId }, 'command failed'),
    close: () => logger.close(),
  };
}
