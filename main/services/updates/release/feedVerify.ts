// `release verify`: what a client would trip on, found before it does. Every channel file is
// signed by a trusted feed key, parses, names installers that carry its version (a `version:`
// changed by hand would be offered to clients again and again, since the installer they get
// reports the old one), and lists only installers that are in the feed with the size and sha512
// it states. Every platform and arch the feed serves has its file on both channels: a missing
// latest-linux-arm64.yml is an error on every check of every stable arm64 install.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../../../common/errors.js';
import { verifyFeedSignature } from '../keys/feedSignature.js';
import { channelFileName, updateChannels } from '../../../../common/updates/updateChannel.js';
import { sha512Base64 } from './artifactScan.js';
import { nameCarriesVersion } from './artifactVersion.js';
import { listChannelFiles, readChannelFile, readSignatureText } from './channelFile.js';

export interface FeedProblem {
  file: string;
  problem: string;
}

export interface FeedReport {
  channelFiles: { fileName: string; version: string; entries: number; stagingPercentage: number | null; signedBy: string | null }[];
  problems: FeedProblem[];
}

export interface VerifyOptions {
  /** Feed public keys (PEM) to check signatures against; null skips the signature check (used inside commands that check it themselves). */
  trustedFeedKeys: readonly string[] | null;
}

export async function verifyFeed(feedDir: string, options: VerifyOptions): Promise<FeedReport> {
  const report: FeedReport = { channelFiles: [], problems: [] };
  const hashes = new Map<string, string | null>();
  const refs = await listChannelFiles(feedDir);
  if (refs.length === 0) report.problems.push({ file: feedDir, problem: 'no channel files (latest*.yml, beta*.yml)' });
  if (options.trustedFeedKeys !== null && options.trustedFeedKeys.length === 0) {
    report.problems.push({ file: feedDir, problem: 'no feed public key to check signatures against (--public-key, or feed-signing-*.pem in resources/keys)' });
  }
  for (const ref of refs) {
    let signedBy: string | null = null;
    if (options.trustedFeedKeys !== null && options.trustedFeedKeys.length > 0) {
      try {
        const bytes = await readFile(path.join(feedDir, ref.fileName));
        signedBy = verifyFeedSignature(ref.fileName, bytes, await readSignatureText(feedDir, ref.fileName), options.trustedFeedKeys);
      } catch (error) {
        report.problems.push({ file: ref.fileName, problem: ZkError.wrap(error).message });
      }
    }
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
      signedBy,
    });
    const first = file.files[0];
    if (first && (file.path !== first.url || file.sha512 !== first.sha512)) {
      report.problems.push({ file: ref.fileName, problem: 'path/sha512 do not repeat the first file entry' });
    }
    for (const entry of file.files) {
      if (!nameCarriesVersion(path.basename(entry.url), file.version)) {
        report.problems.push({
          file: ref.fileName,
          problem: `says version ${file.version} but lists ${entry.url}, which is not that version: installs would be offered it again after every update`,
        });
      }
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
  const present = new Set(refs.map((r) => r.fileName));
  for (const ref of refs) {
    for (const channel of updateChannels) {
      const counterpart = channelFileName(channel, ref.platform, ref.arch ?? 'x64');
      if (present.has(counterpart)) continue;
      present.add(counterpart); // one report per missing file
      report.problems.push({
        file: counterpart,
        problem: `missing: ${ref.fileName} serves this platform and arch, so every ${channel} install of it fails its update check (E_UPDATE_CHANNEL_MISSING)`,
      });
    }
  }
  return report;
}
