// Job history in the data directory, one JSON object per line. What happened, how long each
// stage took and how much memory it used: never the inputs, which may be secrets.
//
// Bounded without locks, because the app, `zkdesk serve` and CLI runs may share a data
// directory: records are appended to history.jsonl; once it passes half the bound it is renamed
// to history.1.jsonl (replacing the older half) and a new history.jsonl begins. A rename is
// atomic, and an append racing it lands whole in one of the two files, both of which are read,
// so no process can lose another's newest record (rewriting the file in place could). Only the
// rotation itself takes a lock.
import { appendFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createRedactor, processRedactionContext, type Redactor } from '../diagnostics/redact.js';
import type { JobRecord } from '../../../common/prover/proverTypes.js';

export type { JobRecord } from '../../../common/prover/proverTypes.js';

/** About 16,000 jobs: months of dogfooding, and still quick to read whole. */
export const HISTORY_MAX_BYTES = 8 * 1024 * 1024;

/** A rotation takes milliseconds; a lock this old was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;

export class JobHistory {
  /** Where new records go. */
  readonly file: string;
  /** The older half, kept until the next rotation replaces it. */
  readonly previousFile: string;

  private redactor: Pick<Redactor, 'text'> | null;

  constructor(
    dataDir: string,
    private readonly maxBytes = HISTORY_MAX_BYTES,
    /** Error messages are redacted before they are kept; the process's own context by default. */
    redactor?: Pick<Redactor, 'text'>,
  ) {
    this.file = path.join(dataDir, 'jobs', 'history.jsonl');
    this.previousFile = path.join(dataDir, 'jobs', 'history.1.jsonl');
    this.redactor = redactor ?? null;
  }

  async append(record: JobRecord): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    // One appendFile per record: a line is written whole or not at all on a local disk.
    await appendFile(this.file, `${JSON.stringify(this.redacted(record))}\n`, 'utf8');
    if ((await sizeOf(this.file)) > this.maxBytes / 2) await this.rotate();
  }

  /**
   * An error message is the one free-text field, and may quote what a worker or library saw (a
   * path, an address, a value): redacted here too, so the history is safe whoever wrote the
   * message. Ids, hashes and numbers are ours and kept as they are.
   */
  private redacted(record: JobRecord): JobRecord {
    if (record.errorMessage === undefined) return record;
    this.redactor ??= createRedactor(processRedactionContext());
    return { ...record, errorMessage: this.redactor.text(record.errorMessage) };
  }

  private async rotate(): Promise<void> {
    // Only one process rotates at a time (mkdir is atomic): two rotating at once could rename a
    // just-begun file over the older half and drop records. Appends and reads never wait for it.
    const lock = `${this.file}.rotating`;
    try {
      await mkdir(lock);
    } catch {
      // Someone else is rotating; a lock left by a crash is cleared once it is clearly stale.
      const age = Date.now() - (await stat(lock).then((s) => s.mtimeMs, () => Date.now()));
      if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      return;
    }
    try {
      // Looked at again under the lock: another process may have rotated since our append.
      if ((await sizeOf(this.file)) > this.maxBytes / 2) await rename(this.file, this.previousFile);
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }

  /** Newest last. Lines that do not parse (a crash mid-write, a hand edit) are skipped. */
  async read(options: { limit?: number } = {}): Promise<JobRecord[]> {
    // The current file first: if another process rotates between the two reads, a record is
    // seen twice (and dropped once by its id) rather than not at all.
    const current = await readRecords(this.file);
    const previous = await readRecords(this.previousFile);
    const seen = new Set<string>();
    const records = [...previous, ...current].filter((r) => !seen.has(r.jobId) && seen.add(r.jobId));
    return options.limit ? records.slice(-options.limit) : records;
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function readRecords(file: string): Promise<JobRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const records: JobRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as JobRecord;
      if (typeof value.jobId === 'string' && typeof value.outcome === 'string') records.push(value);
    } catch {
      // skipped: see read()
    }
  }
  return records;
}
