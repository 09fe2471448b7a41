// Staged rollouts, with electron-updater's own maths (AppUpdater.isStagingMatch): the install's
// staging id (a UUID kept in userData/.updaterId) is read as a 32-bit number from its last four
// bytes and scaled to [0, 1]; the install is offered the release when that position is below
// stagingPercentage / 100, where stagingPercentage goes through parseInt first. The CLI's
// simulation and the UI's "your position" use these functions, so they cannot drift apart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UUID } from 'builder-util-runtime';

export const stagingIdFileName = '.updaterId';

export function isStagingId(value: string): boolean {
  return UUID.check(value) !== false;
}

/** The install's place in every rollout: 0 is offered first, 1 last. */
export function rolloutPosition(stagingId: string): number {
  return UUID.parse(stagingId).readUInt32BE(12) / 0xffffffff;
}

/**
 * The percentage electron-updater acts on, or null when the feed sets none (everyone is
 * offered the release). A value that parseInt cannot read counts as none, as it does there.
 */
export function effectiveStagingPercentage(raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  const parsed = parseInt(String(raw), 10);
  return Number.isNaN(parsed) ? null : parsed;
}

export function isInRollout(stagingId: string, stagingPercentage: unknown): boolean {
  const percentage = effectiveStagingPercentage(stagingPercentage);
  if (percentage === null) return true;
  return rolloutPosition(stagingId) < percentage / 100;
}

/** The staging id electron-updater keeps for this install, or null before its first check. */
export async function readStagingId(userDataDir: string): Promise<string | null> {
  try {
    const id = await readFile(path.join(userDataDir, stagingIdFileName), 'utf8');
    return isStagingId(id) ? id : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
