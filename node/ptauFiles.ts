// Where prepared powers-of-tau files are looked for, and what they are called: one place for the
// circuit build (scripts/circuits) and the app, which says whether this install can build an
// unbuilt circuit before it tries. $ZKDESK_PTAU_DIR first (CI and the team's shared copies),
// then the user's cache.
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const PTAU_NAME = /^dev_(\d+)\.ptau$/;

export function ptauFileName(power: number): string {
  return `dev_${power}.ptau`;
}

export function userPtauCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'zkdesk', 'ptau');
}

/** The places searched, in order. */
export function ptauSearchDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.ZKDESK_PTAU_DIR ? path.resolve(env.ZKDESK_PTAU_DIR) : null, userPtauCacheDir(env)].filter((dir): dir is string => dir !== null);
}

/** Files in `dir` named for a power of at least `minPower`, smallest first (by name only: the header is the build's to check). */
export async function ptauCandidates(dir: string, minPower: number): Promise<{ file: string; power: number }[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, power: Number(PTAU_NAME.exec(name)?.[1] ?? NaN) }))
    .filter((c) => Number.isInteger(c.power) && c.power >= minPower)
    .sort((a, b) => a.power - b.power)
    .map((c) => ({ file: path.join(dir, c.name), power: c.power }));
}
