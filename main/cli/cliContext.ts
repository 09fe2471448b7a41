// What every command gets: where data lives, how to print, and the one way a command fails.
import path from 'node:path';
import os from 'node:os';
import { ZkError } from '../../common/errors.js';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
  verbose?: boolean;
}

export interface CliContext {
  dataDir: string;
  json: boolean;
  verbose: boolean;
  out(text: string): void;
  printJson(value: unknown): void;
}

/** The CLI's default data directory matches Electron's userData for the app name. */
export function defaultDataDir(): string {
  if (process.env.ZKDESK_DATA_DIR) return process.env.ZKDESK_DATA_DIR;
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'zkdesk');
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'zkdesk');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'zkdesk');
  }
}

export function makeContext(opts: GlobalOptions): CliContext {
  return {
    dataDir: path.resolve(opts.dataDir ?? defaultDataDir()),
    json: Boolean(opts.json),
    verbose: Boolean(opts.verbose),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

/**
 * Prints a failure as its code and one plain sentence (a stack only with --verbose) and
 * returns the exit code. With --json the error is printed as JSON on stdout too, so scripts
 * that parse stdout always get a document.
 */
export function reportFailure(error: unknown, opts: GlobalOptions): number {
  const zk = ZkError.wrap(error);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: zk.toPayload() }, null, 2)}\n`);
  }
  process.stderr.write(`error ${zk.code}: ${zk.message}\n`);
  const details = Object.entries(zk.details).filter(([, v]) => v !== undefined && v !== null);
  for (const [key, value] of details) process.stderr.write(`  ${key}: ${String(value)}\n`);
  process.stderr.write(`  help: zkdesk help ${zk.helpId}\n`);
  if (opts.verbose) {
    const cause = (zk as { cause?: unknown }).cause;
    process.stderr.write(`${zk.stack ?? ''}\n`);
    if (cause instanceof Error && cause.stack) process.stderr.write(`caused by: ${cause.stack}\n`);
  }
  return 1;
}
