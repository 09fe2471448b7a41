// A real full disk: a 64 KiB tmpfs, filled with ballast, where the kernel itself says ENOSPC.
// Mounting needs root (and a kernel that allows it); elsewhere this prints why it was skipped
// and the injected-failure unit tests still cover the behaviour.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { SettingsStore } from '../../../main/services/settings/settingsStore.js';
import { ZkError } from '../../../common/errors.js';

let mountPoint = '';
let mounted = false;

beforeAll(async () => {
  mountPoint = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    process.stdout.write(`skipped: cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})\n`);
  }
});

afterAll(async () => {
  if (mounted) execFileSync('umount', [mountPoint]);
  await rm(mountPoint, { recursive: true, force: true });
});

async function fill(dir: string): Promise<void> {
  // Fill until the kernel refuses, leaving a few bytes: less than a settings file needs.
  for (let i = 0; ; i++) {
    try {
      await writeFile(path.join(dir, `ballast-${i}`), Buffer.alloc(4096));
    } catch {
      break;
    }
  }
}

describe('settings on a real full disk', () => {
  it('reports E_DISK_FULL and leaves settings.json as it was, with no temporary file', async (ctx) => {
    if (!mounted) ctx.skip();
    const store = new SettingsStore({ dataDir: mountPoint });
    const { settings } = await store.load();
    const before = await readFile(path.join(mountPoint, 'settings.json'), 'utf8');
    await fill(mountPoint);
    const error = await store.update({ theme: 'dark', helpDepth: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`topic-${i}`, 'expert'])) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZkError);
    expect((error as ZkError).code).toBe('E_DISK_FULL');
    expect(await readFile(path.join(mountPoint, 'settings.json'), 'utf8')).toBe(before);
    expect(store.get()).toEqual(settings);
    expect((await readdir(mountPoint)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
