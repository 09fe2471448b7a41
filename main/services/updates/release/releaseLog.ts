// Every release action, one JSON line each, kept in the feed folder: what rollback looks
// up to know a version was really published, and what a person reads to see who staged what.
// A dot-file, so `release serve` does not hand it out.
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { UpdateChannel } from '../../../../common/updates/updateChannel.js';

export const releaseLogFileName = '.zkdesk-release-log.jsonl';

export interface ReleaseLogEntry {
  at: string;
  action: 'build' | 'stage' | 'halt' | 'promote' | 'rollback' | 'watch';
  channel: UpdateChannel;
  version: string;
  stagingPercentage?: number | null;
  files?: string[];
  detail?: string;
  /** On a rollback: the known good version this one is a rebuild of (so a later rollback does not take it for bad). */
  rebuildOf?: string;
}

export async function appendReleaseLog(feedDir: string, entry: ReleaseLogEntry): Promise<void> {
  await appendFile(path.join(feedDir, releaseLogFileName), `${JSON.stringify(entry)}\n`);
}

export async function readReleaseLog(feedDir: string): Promise<ReleaseLogEntry[]> {
  let text: string;
  try {
    text = await readFile(path.join(feedDir, releaseLogFileName), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ReleaseLogEntry);
}
