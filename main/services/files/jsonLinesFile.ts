// The one way zkdesk appends to a JSON-lines file (job history, logs, the release log). A
// record must survive a crash at any byte, and no later record may be lost because an earlier
// one was cut off:
// - before appending, a torn tail (bytes after the last newline: a crash or a full disk
//   mid-write) is moved into `<file>.torn`, kept for support, and cut from the file, so the
//   next record starts on a line of its own and the file reads back cleanly;
// - each record is one write of one whole line, retried until every byte is down, and handed
//   to the OS before append() returns (a killed process loses nothing it acknowledged);
//   `durable` also fsyncs, for records that must survive a power cut;
// - files are created 0600 and folders 0700, and a file found looser (made by an older version)
//   is tightened: the records are the user's own.
import { appendFileSync, closeSync, fchmodSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** How far back a torn tail is looked for: a record is never this long. */
const MAX_TAIL_BYTES = 64 * 1024 * 1024;

export interface JsonLinesAppenderOptions {
  /** fsync after each record (job history: rare and precious); logs rely on the OS cache. */
  durable?: boolean;
}

/**
 * A record up to this size goes down in one write, which O_APPEND keeps whole against other
 * processes appending to the same file; a longer one (a huge log line) in several.
 */
const WRITE_CHUNK_BYTES = 64 * 1024;

export class JsonLinesAppender {
  private fd: number | null = null;
  /** Bytes moved into `.torn` since this appender opened (counted for tests and support). */
  tornBytes = 0;

  constructor(
    readonly file: string,
    private readonly options: JsonLinesAppenderOptions = {},
  ) {}

  /** Opens (creating the folder and file privately) and sets aside a torn tail left by a crash. */
  open(): void {
    if (this.fd !== null) return;
    mkdirSync(path.dirname(this.file), { recursive: true, mode: PRIVATE_DIR_MODE });
    // 'a+': appends always land at the end, whoever else appends; reads see the tail.
    const fd = openSync(this.file, 'a+', PRIVATE_FILE_MODE);
    try {
      if (process.platform !== 'win32' && (fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, PRIVATE_FILE_MODE);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.fd = fd;
    this.repairTail();
  }

  /** Appends one record as one line. Throws what the disk says (ENOSPC…); a partial line is repaired next time. */
  append(record: unknown): void {
    this.appendLine(JSON.stringify(record));
  }

  /** A line already serialised (the logger's redacted JSON). A newline inside it would split a record, so it is refused. */
  appendLine(line: string): void {
    if (line.includes('\n')) throw new Error('A JSON line may not contain a newline.');
    this.open();
    const fd = this.fd as number;
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, Math.min(WRITE_CHUNK_BYTES, bytes.length - written));
    if (this.options.durable) fsyncSync(fd);
  }

  /**
   * Another process sharing the file (the app, the host and the CLI share jobs/) may have died
   * mid-line since we opened it: checked again before a record is appended by a short-lived writer.
   */
  repairTail(): void {
    const fd = this.fd;
    if (fd === null) return;
    const size = fstatSync(fd).size;
    if (size === 0 || lastByte(fd, size) === 0x0a) return;
    const start = Math.max(0, size - MAX_TAIL_BYTES);
    const tail = Buffer.alloc(size - start);
    readFully(fd, tail, start);
    const newline = tail.lastIndexOf(0x0a);
    const keep = newline === -1 ? start : start + newline + 1;
    const torn = tail.subarray(keep - start);
    // Set aside first, then cut: a crash between the two leaves the bytes in both, never in neither.
    appendFileSync(`${this.file}.torn`, Buffer.concat([torn, Buffer.from('\n')]), { mode: PRIVATE_FILE_MODE });
    ftruncateSync(fd, keep);
    this.tornBytes += torn.length;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Opens, repairs, appends one record and closes: for files several processes share and write rarely. */
export function appendJsonLine(file: string, record: unknown, options: JsonLinesAppenderOptions = {}): void {
  const appender = new JsonLinesAppender(file, options);
  try {
    appender.append(record);
  } finally {
    appender.close();
  }
}

export interface JsonLinesContent<T> {
  records: T[];
  /** Whole lines that are not JSON or fail the check (a hand edit): skipped, never fatal. */
  skipped: number;
  /** A last line with no newline: a write still in progress or cut off; not a record yet. */
  tornTail: boolean;
}

/** Reads every whole line; `accept` says which parsed values are records. */
export async function readJsonLines<T>(file: string, accept: (value: unknown) => value is T): Promise<JsonLinesContent<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { records: [], skipped: 0, tornTail: false };
  }
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const records: T[] = [];
  let skipped = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (accept(value)) records.push(value);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped, tornTail: last.length > 0 };
}

function lastByte(fd: number, size: number): number {
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, size - 1);
  return one[0] ?? 0;
}

function readFully(fd: number, into: Buffer, position: number): void {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) break;
    done += n;
  }
}
