// Every release action, one JSON line each, kept in the feed folder: what rollback looks
// up to know a version was really published, and what a person reads to see who staged what.
// A dot-file, so `release serve` does not hand it out.
import { appendJsonLine, readJsonLines } from '../../files/jsonLinesFile.js';
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
  appendJsonLine(path.join(feedDir, releaseLogFileName), entry, { durable: true });
}

export async function readReleaseLog(feedDir: string): Promise<ReleaseLogEntry[]> {
  return (await readJsonLines(path.join(feedDir, releaseLogFileName), isReleaseLogEntry)).records;
}

function isReleaseLogEntry(value: unknown): value is ReleaseLogEntry {
  const entry = value as Partial<ReleaseLogEntry> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.action === 'string' && typeof entry.version === 'string';
}
