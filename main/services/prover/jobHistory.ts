// Job history in the data directory, one JSON object per line. What happened, how long each
// stage took and how much memory it used: never the inputs, which may be secrets.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobRecord } from './proverTypes.js';

export type { JobRecord } from './proverTypes.js';

export class JobHistory {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'jobs', 'history.jsonl');
  }

  async append(record: JobRecord): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    // One appendFile per record: a line is written whole or not at all on a local disk.
    await appendFile(this.file, `${JSON.stringify(record)}\n`, 'utf8');
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
