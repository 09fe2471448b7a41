// Job history in the data directory, one JSON object per line. What happened, how long each
// stage took and how much memory it used: never the inputs, which may be secrets. Bounded: past
// maxBytes the oldest half goes, so a machine proving all day never fills its disk with it.
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite.js';
import type { JobRecord } from './proverTypes.js';

export type { JobRecord } from './proverTypes.js';

/** About 16,000 jobs: months of dogfooding, and still quick to read whole. */
export const HISTORY_MAX_BYTES = 8 * 1024 * 1024;

export class JobHistory {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly maxBytes = HISTORY_MAX_BYTES,
  ) {
    this.file = path.join(dataDir, 'jobs', 'history.jsonl');
  }

  async append(record: JobRecord): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    // One appendFile per record: a line is written whole or not at all on a local disk.
    await appendFile(this.file, `${JSON.stringify(record)}\n`, 'utf8');
    const { size } = await stat(this.file);
    if (size > this.maxBytes) await this.keepNewestHalf();
  }

  /** Rewrites the file with its newer half, atomically: a crash leaves the old file whole. */
  private async keepNewestHalf(): Promise<void> {
    const lines = (await readFile(this.file, 'utf8')).split('\n').filter((l) => l.trim());
    await writeFileAtomic(this.file, `${lines.slice(Math.floor(lines.length / 2)).join('\n')}\n`);
  }

  /** Newest last. Lines that do not parse (a crash mid-write, a hand edit) are skipped. */
  async read(options: { limit?: number } = {}): Promise<JobRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
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
        // skipped: see above
      }
    }
    return options.limit ? records.slice(-options.limit) : records;
  }
}
