// Where zkdesk keeps its data, and the folder a user chose for it in Settings. The settings live
// inside the data directory, so the choice cannot be one of them: it is a small pointer file in
// the default folder, read at start by the app, the CLI and the host alike. `--data-dir` and
// ZKDESK_DATA_DIR still win over it. The choice applies from the next start: moving the folder
// under a running prover and logger would split history and logs between two places.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { constants, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZkError } from '../../../common/errors.js';
import { writeFileAtomic } from '../files/atomicWrite.js';

export const LOCATION_FILE = 'data-directory.json';
/** What a new data directory starts with, so a move keeps the user's choices and calibration. */
const CARRIED = ['settings.json', 'calibration.json'];

/** Electron's userData folder for the app name "zkdesk", which the CLI and host share. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'zkdesk');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'zkdesk');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'zkdesk');
  }
}

/** The folder chosen in Settings, or null (none chosen, or a pointer that cannot be read). */
export function readChosenDataDir(defaultDir: string): string | null {
  try {
    const parsed = JSON.parse(readFileSync(path.join(defaultDir, LOCATION_FILE), 'utf8')) as { dataDir?: unknown };
    return typeof parsed.dataDir === 'string' && path.isAbsolute(parsed.dataDir) ? parsed.dataDir : null;
  } catch {
    return null;
  }
}

export type DataDirSource = 'flag' | 'env' | 'chosen' | 'default';

/** The data directory for this run, and why: `--data-dir`, then ZKDESK_DATA_DIR, then the Settings choice, then the default. */
export function resolveDataDir(options: { flag?: string | null; env?: string | null; defaultDir: string }): { dir: string; source: DataDirSource } {
  if (options.flag) return { dir: path.resolve(options.flag), source: 'flag' };
  if (options.env) return { dir: path.resolve(options.env), source: 'env' };
  const chosen = readChosenDataDir(options.defaultDir);
  if (chosen) return { dir: chosen, source: 'chosen' };
  return { dir: options.defaultDir, source: 'default' };
}

function writeError(target: string, error: unknown): ZkError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new ZkError('E_DISK_FULL', `There is no room to use ${target} as the data directory.`, { path: target }, { cause: error });
  return new ZkError('E_IO', `zkdesk cannot create or write files in ${target}, so it cannot keep its data there.`, { path: target, reason: code ?? String(error) }, { cause: error });
}

/**
 * Makes `target` the data directory from the next start: checks it can be written, carries the
 * settings and calibration over when it has none, and records the choice in the default folder.
 * Choosing the default folder removes the pointer. History, logs and caches stay where they are.
 */
export async function chooseDataDir(options: { target: string; currentDir: string; defaultDir: string }): Promise<{ dataDir: string; carried: string[] }> {
  const { target, currentDir, defaultDir } = options;
  if (!path.isAbsolute(target)) {
    throw new ZkError('E_SETTINGS_INVALID', 'Give the data directory as a full path (for example /home/me/zkdesk-data or D:\\zkdesk).', { path: target });
  }
  const dataDir = path.resolve(target);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const probe = path.join(dataDir, `.zkdesk-write-check-${process.pid}`);
    await writeFile(probe, 'ok', { mode: 0o600 });
    await rm(probe);
  } catch (error) {
    throw writeError(dataDir, error);
  }
  const carried: string[] = [];
  if (dataDir !== path.resolve(currentDir)) {
    for (const name of CARRIED) {
      try {
        // COPYFILE_EXCL: a folder that already holds zkdesk data keeps its own.
        await copyFile(path.join(currentDir, name), path.join(dataDir, name), constants.COPYFILE_EXCL);
        carried.push(name);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'EEXIST') throw writeError(dataDir, error);
      }
    }
  }
  try {
    await mkdir(defaultDir, { recursive: true, mode: 0o700 });
    if (dataDir === path.resolve(defaultDir)) await rm(path.join(defaultDir, LOCATION_FILE), { force: true });
    else await writeFileAtomic(path.join(defaultDir, LOCATION_FILE), `${JSON.stringify({ dataDir, chosenAt: new Date().toISOString() }, null, 2)}\n`);
  } catch (error) {
    throw writeError(defaultDir, error);
  }
  return { dataDir, carried };
}
