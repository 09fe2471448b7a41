// Where the data lives: --data-dir, then ZKDESK_DATA_DIR, then the folder chosen in Settings
// (a pointer in the default folder), then the default; and what choosing a folder does on disk.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCATION_FILE, chooseDataDir, defaultDataDir, readChosenDataDir, resolveDataDir } from '../../../main/services/settings/dataDirLocation.js';

let tmp: string;
let defaultDir: string;
let current: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-datadir-'));
  defaultDir = path.join(tmp, 'default');
  current = path.join(tmp, 'current');
  await import('node:fs/promises').then((fs) => Promise.all([fs.mkdir(defaultDir), fs.mkdir(current)]));
  await writeFile(path.join(current, 'settings.json'), '{"updateChannel":"beta"}\n');
});
afterEach(async () => rm(tmp, { recursive: true, force: true }));

describe('which data directory a run uses', () => {
  it('follows --data-dir, then ZKDESK_DATA_DIR, then the choice made in Settings, then the default', async () => {
    const chosen = path.join(tmp, 'chosen');
    await chooseDataDir({ target: chosen, currentDir: current, defaultDir });
    expect(resolveDataDir({ flag: '/flag', env: '/env', defaultDir })).toEqual({ dir: path.resolve('/flag'), source: 'flag' });
    expect(resolveDataDir({ env: '/env', defaultDir })).toEqual({ dir: path.resolve('/env'), source: 'env' });
    expect(resolveDataDir({ defaultDir })).toEqual({ dir: chosen, source: 'chosen' });
    await rm(path.join(defaultDir, LOCATION_FILE));
    expect(resolveDataDir({ defaultDir })).toEqual({ dir: defaultDir, source: 'default' });
  });

  it('ignores a damaged or relative pointer instead of failing to start', async () => {
    await writeFile(path.join(defaultDir, LOCATION_FILE), '{"dataDir": ');
    expect(readChosenDataDir(defaultDir)).toBeNull();
    await writeFile(path.join(defaultDir, LOCATION_FILE), '{"dataDir": "relative/dir"}');
    expect(readChosenDataDir(defaultDir)).toBeNull();
  });

  it('defaults to Electron userData for "zkdesk" on each platform', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe(path.join('/xdg', 'zkdesk'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\me\\AppData\\Roaming', 'zkdesk'));
    expect(defaultDataDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'zkdesk'));
  });
});

describe('choosing a data directory', () => {
  it('creates the folder, carries the settings over, and records the choice in the default folder', async () => {
    const chosen = path.join(tmp, 'new', 'place');
    const result = await chooseDataDir({ target: chosen, currentDir: current, defaultDir });
    expect(result).toEqual({ dataDir: chosen, carried: ['settings.json'] });
    expect(await readFile(path.join(chosen, 'settings.json'), 'utf8')).toContain('beta');
    expect(readChosenDataDir(defaultDir)).toBe(chosen);
  });

  it("keeps a folder's own settings when it already holds zkdesk data", async () => {
    const chosen = path.join(tmp, 'existing');
    await import('node:fs/promises').then((fs) => fs.mkdir(chosen));
    await writeFile(path.join(chosen, 'settings.json'), '{"updateChannel":"stable"}\n');
    expect((await chooseDataDir({ target: chosen, currentDir: current, defaultDir })).carried).toEqual([]);
    expect(await readFile(path.join(chosen, 'settings.json'), 'utf8')).toContain('stable');
  });

  it('choosing the default folder again removes the pointer', async () => {
    await chooseDataDir({ target: path.join(tmp, 'elsewhere'), currentDir: current, defaultDir });
    await chooseDataDir({ target: defaultDir, currentDir: current, defaultDir });
    expect(existsSync(path.join(defaultDir, LOCATION_FILE))).toBe(false);
  });

  it('refuses a relative path, and a folder it cannot write, with a code and a sentence; nothing is recorded', async () => {
    await expect(chooseDataDir({ target: 'data', currentDir: current, defaultDir })).rejects.toMatchObject({ code: 'E_SETTINGS_INVALID' });
    const file = path.join(tmp, 'a-file');
    await writeFile(file, 'not a folder');
    await expect(chooseDataDir({ target: path.join(file, 'sub'), currentDir: current, defaultDir })).rejects.toMatchObject({ code: 'E_IO', message: expect.stringContaining('cannot create or write') });
    if (process.getuid?.() !== 0) {
      const locked = path.join(tmp, 'locked');
      await import('node:fs/promises').then((fs) => fs.mkdir(locked));
      await chmod(locked, 0o500);
      await expect(chooseDataDir({ target: locked, currentDir: current, defaultDir })).rejects.toMatchObject({ code: 'E_IO' });
    }
    expect(existsSync(path.join(defaultDir, LOCATION_FILE))).toBe(false);
  });
});
