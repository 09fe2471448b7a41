// The file end of the logger: JSON lines appended synchronously (the last lines before a crash
// are the ones support needs), a new file when the current one reaches its size, and old files
// pruned by age and by total size. Each process writes its own files, so the app, the CLI and
// the host never interleave half-lines in one file.
//
// Why not pino-roll or rotating-file-stream: neither prunes by age, pino-roll runs in a worker
// thread where a crash loses the buffered tail, and both would sit behind our redacting stream
// anyway. What is needed fits in this file; the appending itself is jsonLinesFile's (0600, whole
// lines, handed to the OS as written).
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { JsonLinesAppender } from '../files/jsonLinesFile.js';

export interface RotatingLogFileOptions {
  dir: string;
  /** Names the files: `main`, `cli`, `host`. */
  prefix: string;
  maxBytes: number;
  retentionDays: number;
  /** All log files together stay under this; the oldest go first. */
  maxTotalBytes?: number;
  now?: () => Date;
  pid?: number;
}

const LOG_FILE = /^[a-z0-9-]+-\d{8}T\d{6}Z-\d+-\d+\.jsonl$/;

export function isLogFileName(name: string): boolean {
  return LOG_FILE.test(name);
}

export class RotatingLogFile {
  private appender: JsonLinesAppender | null = null;
  private bytes = 0;
  private sequence = 0;
  private currentPath: string | null = null;
  /** Lines the disk refused (full, removed): counted, never thrown at the caller. */
  droppedLines = 0;

  constructor(private readonly options: RotatingLogFileOptions) {}

  get path(): string | null {
    return this.currentPath;
  }

  /** One JSON line, with or without its newline. */
  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.appender === null || (this.bytes > 0 && this.bytes + bytes > this.options.maxBytes)) this.rotate();
    if (this.appender === null) {
      this.droppedLines++;
      return;
    }
    try {
      this.appender.appendLine(line.endsWith('\n') ? line.slice(0, -1) : line);
      this.bytes += bytes;
    } catch {
      this.droppedLines++;
    }
  }

  close(): void {
    this.appender?.close();
    this.appender = null;
  }

  private rotate(): void {
    this.close();
    const now = (this.options.now ?? (() => new Date()))();
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const name = `${this.options.prefix}-${stamp}-${this.options.pid ?? process.pid}-${this.sequence++}.jsonl`;
    try {
      this.currentPath = path.join(this.options.dir, name);
      const appender = new JsonLinesAppender(this.currentPath);
      appender.open();
      this.appender = appender;
      this.bytes = 0;
    } catch {
      this.appender = null;
    }
    this.prune(now);
  }

  /** Deletes files past their age, then the oldest until the total fits. Never the current file. */
  private prune(now: Date): void {
    let files: { file: string; mtimeMs: number; size: number }[];
    try {
      files = readdirSync(this.options.dir)
        .filter(isLogFileName)
        .map((name) => {
          const file = path.join(this.options.dir, name);
          const stat = statSync(file);
          return { file, mtimeMs: stat.mtimeMs, size: stat.size };
        })
        .sort((a, b) => b.mtimeMs - a.mtimeMs);
    } catch {
      return;
    }
    const oldest = now.getTime() - this.options.retentionDays * 86_400_000;
    const budget = this.options.maxTotalBytes ?? this.options.maxBytes * 20;
    let total = 0;
    for (const entry of files) {
      if (entry.file === this.currentPath) continue;
      total += entry.size;
      if (entry.mtimeMs < oldest || total > budget) {
        try {
          unlinkSync(entry.file);
        } catch {
          // another process may have pruned it first
        }
      }
    }
  }
}
