// A real full disk: a small tmpfs, filled with ballast, where the kernel itself says ENOSPC.
// Mounting needs root (and a kernel that allows it); elsewhere this prints why it was skipped
// and the injected-failure unit tests still cover the behaviour.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { SettingsStore } from '../../../main/services/settings/settingsStore.js';
import { ZkError } from '../../../common/errors.js';
import { mountSmallDisk, type SmallDisk } from '../../support/smallDisk.js';

let disk: SmallDisk | null = null;

beforeAll(async () => {
  disk = await mountSmallDisk();
});

afterAll(async () => {
  await disk?.release();
});

describe('settings on a real full disk', () => {
  it('reports E_DISK_FULL and leaves settings.json as it was, with no temporary file', async (ctx) => {
    if (!disk) return ctx.skip();
    const mountPoint = disk.dir;
    const store = new SettingsStore({ dataDir: mountPoint });
    const { settings } = await store.load();
    const before = await readFile(path.join(mountPoint, 'settings.json'), 'utf8');
    await disk.fill();
    const error = await store.update({ theme: 'dark', helpDepth: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`topic-${i}`, 'expert'])) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZkError);
    expect((error as ZkError).code).toBe('E_DISK_FULL');
    expect(await readFile(path.join(mountPoint, 'settings.json'), 'utf8')).toBe(before);
    expect(store.get()).toEqual(settings);
    expect((await readdir(mountPoint)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
