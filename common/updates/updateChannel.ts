// The two channels users choose between, and the names electron-updater gives their files.
// electron-updater calls the stable channel "latest" and adds a platform/arch suffix for
// every platform but Windows (latest.yml, latest-mac.yml, latest-linux.yml,
// latest-linux-arm64.yml): Provider.getChannelFilePrefix in electron-updater.

export const updateChannels = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof updateChannels)[number];

export type FeedPlatform = 'linux' | 'win32' | 'darwin';
export const feedPlatforms: readonly FeedPlatform[] = ['linux', 'win32', 'darwin'];

export function isUpdateChannel(value: unknown): value is UpdateChannel {
  return value === 'stable' || value === 'beta';
}

/** The channel name electron-updater reads from the feed. */
export function updaterChannelName(channel: UpdateChannel): string {
  return channel === 'stable' ? 'latest' : 'beta';
}

/**
 * The arch as electron-updater puts it in a Linux file name: Node's process.arch, which calls
 * 32-bit ARM "arm" where electron-builder's installers say armv7l.
 */
const updaterArchName: Record<string, string> = { armv7l: 'arm' };

/** Linux gets one file per arch (x64 has no suffix); macOS and Windows list every arch in one file. */
export function channelFileName(channel: UpdateChannel, platform: FeedPlatform, arch: string): string {
  const base = updaterChannelName(channel);
  if (platform === 'win32') return `${base}.yml`;
  if (platform === 'darwin') return `${base}-mac.yml`;
  return arch === 'x64' ? `${base}-linux.yml` : `${base}-linux-${updaterArchName[arch] ?? arch}.yml`;
}

/** Reads a channel file name back into its channel, platform and (Linux) arch. */
export function parseChannelFileName(
  fileName: string,
): { channel: UpdateChannel; platform: FeedPlatform; arch: string | null } | null {
  const match = /^(latest|beta)(?:-(mac|linux)(?:-([a-z0-9_]+))?)?\.yml$/.exec(fileName);
  if (!match) return null;
  const channel: UpdateChannel = match[1] === 'latest' ? 'stable' : 'beta';
  if (match[2] === 'mac') return match[3] ? null : { channel, platform: 'darwin', arch: null };
  if (match[2] === 'linux') return { channel, platform: 'linux', arch: match[3] ?? 'x64' };
  return { channel, platform: 'win32', arch: null };
}
