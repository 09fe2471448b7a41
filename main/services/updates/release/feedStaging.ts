// `release stage` and `release halt`: one staging percentage for a channel's current release
// on every platform at once, so Linux and Windows users are never at different stages.
// Halting is staging at 0 %: installs that already downloaded keep their copy, no one else
// is offered it.
import { ZkError } from '../../../../common/errors.js';
import type { UpdateChannel } from '../updateChannel.js';
import { listChannelFiles, readChannelFile, withStaging, writeChannelFile } from './channelFile.js';
import { appendReleaseLog } from './releaseLog.js';

export interface StagingChange {
  fileName: string;
  version: string;
  from: number | null;
  to: number | null;
}

export async function setStaging(
  feedDir: string,
  channel: UpdateChannel,
  percent: number,
  action: 'stage' | 'halt' = 'stage',
  now: () => Date = () => new Date(),
): Promise<StagingChange[]> {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new ZkError('E_RELEASE_REFUSED', `A staging percentage is a whole number from 0 to 100, not ${percent}.`);
  }
  const refs = await listChannelFiles(feedDir, channel);
  if (refs.length === 0) throw new ZkError('E_RELEASE_REFUSED', `The feed in ${feedDir} has no ${channel} release to stage.`);
  const changes: StagingChange[] = [];
  for (const ref of refs) {
    const file = await readChannelFile(feedDir, ref.fileName);
    if (!file) continue;
    const next = withStaging(file, percent);
    await writeChannelFile(feedDir, ref.fileName, next);
    changes.push({
      fileName: ref.fileName,
      version: file.version,
      from: file.stagingPercentage ?? null,
      to: next.stagingPercentage ?? null,
    });
  }
  const versions = [...new Set(changes.map((c) => c.version))];
  await appendReleaseLog(feedDir, {
    at: now().toISOString(),
    action,
    channel,
    version: versions.join(','),
    stagingPercentage: percent >= 100 ? null : percent,
    files: changes.map((c) => c.fileName),
  });
  return changes;
}
