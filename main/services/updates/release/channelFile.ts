// A channel file (latest.yml, beta-linux-arm64.yml, …) as electron-builder writes it and
// electron-updater reads it: the version, every file with its sha512 (base64) and size, the
// first file again as the legacy path/sha512, release date, notes and staging percentage.
import { readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import semver from 'semver';
import { z } from 'zod';
import { ZkError } from '../../../../common/errors.js';
import { parseChannelFileName, type FeedPlatform, type UpdateChannel } from '../../../../common/updates/updateChannel.js';

const fileEntrySchema = z.object({
  url: z.string().min(1),
  sha512: z.string().min(1),
  size: z.number().int().nonnegative(),
  blockMapSize: z.number().int().nonnegative().optional(),
});
export type FeedFileEntry = z.infer<typeof fileEntrySchema>;

export const channelFileSchema = z.object({
  version: z.string().refine((v) => semver.valid(v) !== null, 'not a semantic version'),
  files: z.array(fileEntrySchema).min(1),
  path: z.string().min(1),
  sha512: z.string().min(1),
  releaseDate: z.string().min(1),
  releaseNotes: z.string().optional(),
  stagingPercentage: z.number().int().min(0).max(100).optional(),
});
export type ChannelFile = z.infer<typeof channelFileSchema>;

export interface ChannelFileRef {
  fileName: string;
  channel: UpdateChannel;
  platform: FeedPlatform;
  arch: string | null;
}

export async function listChannelFiles(feedDir: string, channel?: UpdateChannel): Promise<ChannelFileRef[]> {
  const names = await readdir(feedDir).catch(() => [] as string[]);
  const refs: ChannelFileRef[] = [];
  for (const fileName of names.sort()) {
    const parsed = parseChannelFileName(fileName);
    if (parsed && (channel === undefined || parsed.channel === channel)) refs.push({ fileName, ...parsed });
  }
  return refs;
}

export async function readChannelFile(feedDir: string, fileName: string): Promise<ChannelFile | null> {
  let text: string;
  try {
    text = await readFile(path.join(feedDir, fileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let raw: unknown;
  try {
    raw = yaml.load(text);
  } catch (error) {
    throw new ZkError('E_FEED_INVALID', `${fileName} is not valid YAML.`, { file: fileName, reason: String(error) });
  }
  const parsed = channelFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ZkError('E_FEED_INVALID', `${fileName} is not a valid channel file.`, {
      file: fileName,
      field: issue?.path.join('.'),
      issue: issue?.message,
    });
  }
  return parsed.data;
}

/** Written to a temporary name and renamed, so a client never reads half a channel file. */
export async function writeChannelFile(feedDir: string, fileName: string, file: ChannelFile): Promise<void> {
  const first = file.files[0];
  if (!first) throw new ZkError('E_RELEASE_REFUSED', `${fileName} would list no files.`);
  const ordered: Record<string, unknown> = {
    version: file.version,
    files: file.files,
    path: first.url,
    sha512: first.sha512,
    releaseDate: file.releaseDate,
  };
  if (file.releaseNotes !== undefined) ordered.releaseNotes = file.releaseNotes;
  if (file.stagingPercentage !== undefined) ordered.stagingPercentage = file.stagingPercentage;
  const target = path.join(feedDir, fileName);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, yaml.dump(ordered, { lineWidth: -1, noRefs: true }));
  await rename(temp, target);
}

/**
 * A whole-number percentage, as electron-updater reads it (parseInt). 100 is written as no
 * field at all: at 100 electron-updater still excludes the one id in 2^32 whose position is
 * exactly 1, and "no staging" is what a finished rollout means.
 */
export function withStaging(file: ChannelFile, percent: number | undefined): ChannelFile {
  const { stagingPercentage: _previous, ...rest } = file;
  return percent === undefined || percent >= 100 ? rest : { ...rest, stagingPercentage: percent };
}
