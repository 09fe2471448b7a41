// `release verify`: every channel file parses, and every file it lists is in the feed with
// the size and sha512 it states, so a client's download cannot fail its checksum.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../../../common/errors.js';
import { sha512Base64 } from './artifactScan.js';
import { listChannelFiles, readChannelFile } from './channelFile.js';

export interface FeedProblem {
  file: string;
  problem: string;
}

export interface FeedReport {
  channelFiles: { fileName: string; version: string; entries: number; stagingPercentage: number | null }[];
  problems: FeedProblem[];
}

export async function verifyFeed(feedDir: string): Promise<FeedReport> {
  const report: FeedReport = { channelFiles: [], problems: [] };
  const hashes = new Map<string, string | null>();
  const refs = await listChannelFiles(feedDir);
  if (refs.length === 0) report.problems.push({ file: feedDir, problem: 'no channel files (latest*.yml, beta*.yml)' });
  for (const ref of refs) {
    let file;
    try {
      file = await readChannelFile(feedDir, ref.fileName);
    } catch (error) {
      const zk = ZkError.wrap(error);
      report.problems.push({ file: ref.fileName, problem: `${zk.message} ${zk.details.issue ?? zk.details.reason ?? ''}`.trim() });
      continue;
    }
    if (!file) continue;
    report.channelFiles.push({
      fileName: ref.fileName,
      version: file.version,
      entries: file.files.length,
      stagingPercentage: file.stagingPercentage ?? null,
    });
    const first = file.files[0];
    if (first && (file.path !== first.url || file.sha512 !== first.sha512)) {
      report.problems.push({ file: ref.fileName, problem: 'path/sha512 do not repeat the first file entry' });
    }
    for (const entry of file.files) {
      const target = path.resolve(feedDir, entry.url);
      if (!target.startsWith(path.resolve(feedDir) + path.sep)) {
        report.problems.push({ file: ref.fileName, problem: `${entry.url} points outside the feed` });
        continue;
      }
      const size = await stat(target).then((s) => s.size, () => null);
      if (size === null) {
        report.problems.push({ file: ref.fileName, problem: `${entry.url} is missing from the feed` });
        continue;
      }
      if (size !== entry.size) {
        report.problems.push({ file: ref.fileName, problem: `${entry.url} is ${size} bytes, the feed says ${entry.size}` });
      }
      if (!hashes.has(target)) hashes.set(target, await sha512Base64(target).catch(() => null));
      if (hashes.get(target) !== entry.sha512) {
        report.problems.push({ file: ref.fileName, problem: `${entry.url} does not match the sha512 the feed states` });
      }
    }
  }
  return report;
}
