// What every command gets: where data lives, how to print, and the one way a command fails.
import { ZkError } from '../../common/errors.js';
import { defaultDataDir as platformDataDir, resolveDataDir, type DataDirSource } from '../services/settings/dataDirLocation.js';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
  verbose?: boolean;
}

export interface CliContext {
  dataDir: string;
  /** Why this data directory: --data-dir, ZKDESK_DATA_DIR, the Settings choice, or the default. */
  dataDirSource: DataDirSource;
  json: boolean;
  verbose: boolean;
  out(text: string): void;
  printJson(value: unknown): void;
}

/**
 * The data directory when no --data-dir is given: ZKDESK_DATA_DIR, else the folder chosen in the
 * app's Settings, else Electron's userData for the app name (main/services/settings/dataDirLocation.ts).
 */
export function defaultDataDir(): string {
  return resolveDataDir({ env: process.env.ZKDESK_DATA_DIR, defaultDir: platformDataDir() }).dir;
}



export function makeContext(opts: GlobalOptions): CliContext {
  const { dir, source } = resolveDataDir({ flag: opts.dataDir, env: process.env.ZKDESK_DATA_DIR, defaultDir: platformDataDir() });
  return {
    dataDir: dir,
    dataDirSource: source,
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
