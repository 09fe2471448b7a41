// Finds the installers electron-builder produced and reads what a channel file needs from
// each: platform and arch (from the extension and the name), sha512 (base64, as
// electron-updater compares it) and size.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedPlatform } from '../../../../common/updates/updateChannel.js';

export interface Artifact {
  fileName: string;
  filePath: string;
  platform: FeedPlatform;
  arch: string;
  sha512: string;
  size: number;
}

const platformByExtension: Record<string, FeedPlatform> = {
  '.appimage': 'linux',
  '.deb': 'linux',
  '.rpm': 'linux',
  '.exe': 'win32',
  '.dmg': 'darwin',
  '.zip': 'darwin',
};

/** Every arch an installer can be for: x64 (no token in the name) and those below. */
export const knownArches = ['x64', 'arm64', 'armv7l', 'ia32', 'universal'] as const;

const archTokens: [RegExp, string][] = [
  [/(?:^|[-_. ])(?:arm64|aarch64)(?=[-_. ]|$)/i, 'arm64'],
  [/(?:^|[-_. ])(?:armv7l|armhf)(?=[-_. ]|$)/i, 'armv7l'],
  [/(?:^|[-_. ])(?:ia32|i386|x86(?!_64))(?=[-_. ]|$)/i, 'ia32'],
  [/(?:^|[-_. ])universal(?=[-_. ]|$)/i, 'universal'],
];

export function classifyArtifact(fileName: string): { platform: FeedPlatform; arch: string } | null {
  const platform = platformByExtension[path.extname(fileName).toLowerCase()];
  if (!platform) return null;
  const arch = archTokens.find(([pattern]) => pattern.test(fileName))?.[1] ?? 'x64';
  return { platform, arch };
}

export async function sha512Base64(filePath: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

export async function scanArtifacts(dir: string): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const fileName of (await readdir(dir)).sort()) {
    const kind = classifyArtifact(fileName);
    if (!kind) continue;
    const filePath = path.join(dir, fileName);
    const info = await stat(filePath);
    if (!info.isFile()) continue;
    artifacts.push({ fileName, filePath, ...kind, sha512: await sha512Base64(filePath), size: info.size });
  }
  return artifacts;
}
