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
import { signatureFileName, verifyFeedSignature, type FeedSigner } from '../keys/feedSignature.js';

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

/** The signature file's text, or null when there is none. */
export async function readSignatureText(feedDir: string, fileName: string): Promise<string | null> {
  return readFile(path.join(feedDir, signatureFileName(fileName)), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}

/**
 * A channel file, parsed. Given the signer of a command about to rewrite it, the file must carry
 * a signature by a key that signer trusts first (E_FEED_SIGNATURE otherwise).
 */
export async function readChannelFile(feedDir: string, fileName: string, signer?: FeedSigner): Promise<ChannelFile | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(feedDir, fileName));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (signer) verifyFeedSignature(fileName, bytes, await readSignatureText(feedDir, fileName), signer.trusted);
  const text = bytes.toString('utf8');
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

/**
 * Written to temporary names and renamed, so a client never reads half a channel file; the
 * signature goes first, then the file. A client that reads the new signature with the old file
 * in that instant fails the check and tries again later: never an unsigned file accepted.
 */
export async function writeChannelFile(feedDir: string, fileName: string, file: ChannelFile, signer: FeedSigner): Promise<void> {
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
  const bytes = Buffer.from(yaml.dump(ordered, { lineWidth: -1, noRefs: true }), 'utf8');
  await replaceFile(path.join(feedDir, signatureFileName(fileName)), signer.sign(fileName, bytes));
  await replaceFile(path.join(feedDir, fileName), bytes);
}

async function replaceFile(target: string, content: string | Buffer): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, content);
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
