// Structured logs for main, the CLI, the host and every worker: pino, JSON lines, one child
// logger per scope. Redaction is done by the destination: every finished line is parsed,
// redacted and re-serialised just before it is appended, so nothing pino adds on its own
// (child bindings, serialised errors, its base fields) can slip past it. Doing it in pino's
// hooks or formatters would see the arguments but not everything that ends up in the line.
import { pino, type Logger, type LevelWithSilent } from 'pino';
import path from 'node:path';
import { createRedactor, processRedactionContext, type RedactionContext, type Redactor } from './redact.js';
import { RotatingLogFile } from './rotatingLogFile.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogScope = 'main' | 'cli' | 'host' | 'prover' | 'settings' | 'updates' | 'profiler' | 'diagnostics' | `worker:${number}` | (string & {});

/** A log record a worker sends to main over the worker protocol. */
export interface WorkerLogRecord {
  level: LogLevel;
  msg: string;
  fields?: Record<string, string | number | boolean>;
}

export interface DiagnosticsLoggerOptions {
  dataDir: string;
  /** Which process writes: names its files. */
  processName: 'main' | 'cli' | 'host' | (string & {});
  level?: LevelWithSilent;
  maxBytes: number;
  retentionDays: number;
  redaction?: RedactionContext;
  now?: () => Date;
  /** Also write each (redacted) line here, e.g. stderr for `--verbose`. */
  echo?: (line: string) => void;
}

export interface DiagnosticsLogger {
  readonly root: Logger;
  readonly file: RotatingLogFile;
  scope(scope: LogScope): Logger;
  /** Writes a worker's record under `worker:<pid>`, with its own level and fields. */
  writeWorkerRecord(pid: number, record: WorkerLogRecord): void;
  /** Changes the lowest level written, for the root and every scope (the `logLevel` setting). */
  setLevel(level: LogLevel): void;
  /** Swap in a richer context (serials the profiler found, the install id to keep). */
  updateRedaction(context: RedactionContext): void;
  close(): void;
}

const LEVELS = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);
/** Fields a worker may not overwrite: they say who wrote the line and when. */
const RESERVED = new Set(['level', 'time', 'msg', 'pid', 'scope', 'workerPid']);

export function createDiagnosticsLogger(options: DiagnosticsLoggerOptions): DiagnosticsLogger {
  const file = new RotatingLogFile({
    dir: path.join(options.dataDir, 'logs'),
    prefix: options.processName.replace(/[^a-z0-9-]/gi, '-').toLowerCase(),
    maxBytes: options.maxBytes,
    retentionDays: options.retentionDays,
    ...(options.now ? { now: options.now } : {}),
  });
  let redactor: Redactor = createRedactor(options.redaction ?? processRedactionContext());

  const destination = {
    write(chunk: string): void {
      for (const line of chunk.split('\n')) {
        if (!line) continue;
        const safe = `${redactor.jsonLine(line)}\n`;
        file.write(safe);
        options.echo?.(safe);
      }
    },
  };

  const root = pino(
    {
      level: options.level ?? 'info',
      // No hostname: it would only be redacted again.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const scopes = new Map<string, Logger>();

  function scope(name: LogScope): Logger {
    let child = scopes.get(name);
    if (!child) {
      child = root.child({ scope: name });
      scopes.set(name, child);
    }
    return child;
  }

  return {
    root,
    file,
    scope,
    writeWorkerRecord(pid, record) {
      const level: LogLevel = LEVELS.has(record.level) ? record.level : 'info';
      const fields = Object.fromEntries(Object.entries(record.fields ?? {}).filter(([key]) => !RESERVED.has(key)));
      scope(`worker:${pid}`)[level]({ ...fields, workerPid: pid }, String(record.msg));
    },
    setLevel(level) {
      root.level = level;
      // A pino child keeps the level it was made with: each scope is set too.
      for (const child of scopes.values()) child.level = level;
    },
    updateRedaction(context) {
      redactor = createRedactor(context);
    },
    close() {
      root.flush();
      file.close();
    },
  };
}
