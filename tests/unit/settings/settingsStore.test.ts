import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { SettingsStore } from '../../../main/services/settings/settingsStore.js';
import type { WriteData } from '../../../main/services/files/atomicWrite.js';
import { ZkError } from '../../../common/errors.js';

let dir: string;
const fixedNow = () => new Date('2025-03-04T05:06:07.890Z');

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function onDisk(name = 'settings.json'): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Record<string, unknown>;
}

describe('first run', () => {
  it('writes the defaults with a fresh anonymous install id', async () => {
    const { settings, warnings } = await new SettingsStore({ dataDir: dir }).load();
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({ updateChannel: 'stable', workerCount: 'auto', workerMemoryCapMb: null, theme: 'system', feedbackEndpoint: null, helpDepth: {} });
    expect(settings.installId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await onDisk()).toEqual(settings);
    const again = await new SettingsStore({ dataDir: dir }).load();
    expect(again.settings.installId).toBe(settings.installId);
  });
});

describe('changes', () => {
  it('writes a change, keeps the previous file as .bak, and changes nothing else', async () => {
    const store = new SettingsStore({ dataDir: dir });
    const { settings: before } = await store.load();
    await store.update({ theme: 'dark', helpDepth: { 'errors/E_TIMEOUT': 'expert' } });
    const after = await store.update({ workerCount: 3 });
    expect(after).toEqual({ ...before, theme: 'dark', workerCount: 3, helpDepth: { 'errors/E_TIMEOUT': 'expert' } });
    expect(await onDisk()).toEqual(after);
    expect(await onDisk('settings.json.bak')).toMatchObject({ theme: 'dark', workerCount: 'auto' });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    [{ workerCount: 0 }],
    [{ workerCount: 65 }],
    [{ workerCount: 'many' }],
    [{ updateChannel: 'nightly' }],
    [{ feedbackEndpoint: 'ftp://example.com/x' }],
    [{ feedbackEndpoint: 'not a url' }],
    [{ workerMemoryCapMb: 1.5 }],
    [{ helpDepth: { x: 'everything' } }],
    [{ installId: '7d6f0b54-31a2-4c8e-9b1f-5e2d8a9c0f11' }],
    [{ colour: 'red' }],
  ])('refuses %j with E_SETTINGS_INVALID and leaves the file alone', async (patch) => {
    const store = new SettingsStore({ dataDir: dir });
    const { settings } = await store.load();
    const error = await store.update(patch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZkError);
    expect((error as ZkError).code).toBe('E_SETTINGS_INVALID');
    expect(await onDisk()).toEqual(settings);
    expect(store.get()).toEqual(settings);
  });

  it('accepts the edge values', async () => {
    const store = new SettingsStore({ dataDir: dir });
    await store.load();
    const s = await store.update({ workerCount: 64, workerMemoryCapMb: 2048, feedbackEndpoint: 'http://127.0.0.1:9/feedback', updateChannel: 'beta' });
    expect(s).toMatchObject({ workerCount: 64, workerMemoryCapMb: 2048, feedbackEndpoint: 'http://127.0.0.1:9/feedback', updateChannel: 'beta' });
  });

  it('reset keeps the install id', async () => {
    const store = new SettingsStore({ dataDir: dir });
    const { settings } = await store.load();
    await store.update({ theme: 'light' });
    const reset = await store.reset();
    expect(reset).toEqual(settings);
  });
});

describe('recovery', () => {
  it('drops unknown keys without calling the file corrupt', async () => {
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', legacyThing: 1, installId: '7d6f0b54-31a2-4c8e-9b1f-5e2d8a9c0f11' }));
    const { settings, warnings } = await new SettingsStore({ dataDir: dir }).load();
    expect(warnings).toEqual([]);
    expect(settings.theme).toBe('dark');
    expect(await onDisk()).not.toHaveProperty('legacyThing');
  });

  it.each([
    ['truncated JSON', '{"theme": "da'],
    ['empty file', ''],
    ['binary junk', '\u0000\u0001\u0002'],
    ['an array', '[1,2]'],
    ['a wrong value', JSON.stringify({ theme: 'purple', installId: '7d6f0b54-31a2-4c8e-9b1f-5e2d8a9c0f11' })],
  ])('%s: moved aside, defaults used, reported with E_SETTINGS_CORRUPT', async (_name, content) => {
    await writeFile(path.join(dir, 'settings.json'), content);
    const { settings, warnings } = await new SettingsStore({ dataDir: dir, now: fixedNow }).load();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'E_SETTINGS_CORRUPT', helpId: 'errors/E_SETTINGS_CORRUPT', details: { restoredFrom: 'defaults' } });
    expect(settings.theme).toBe('system');
    const aside = path.join(dir, 'settings.corrupt-2025-03-04T05-06-07-890Z.json');
    expect(await readFile(aside, 'utf8')).toBe(content);
    expect(await onDisk()).toEqual(settings);
  });

  it('restores the last good settings from .bak when the main file is damaged', async () => {
    const store = new SettingsStore({ dataDir: dir });
    const { settings: first } = await store.load();
    await store.update({ theme: 'dark' });
    await store.update({ workerCount: 2 });
    await writeFile(path.join(dir, 'settings.json'), '{ damaged');
    const { settings, warnings } = await new SettingsStore({ dataDir: dir, now: fixedNow }).load();
    expect(warnings[0]).toMatchObject({ code: 'E_SETTINGS_CORRUPT', details: { restoredFrom: 'backup' } });
    expect(settings).toEqual({ ...first, theme: 'dark' });
  });

  it('uses the defaults when the .bak is damaged too', async () => {
    await writeFile(path.join(dir, 'settings.json'), 'nope');
    await writeFile(path.join(dir, 'settings.json.bak'), '{"workerCount": -1}');
    const { settings, warnings } = await new SettingsStore({ dataDir: dir, now: fixedNow }).load();
    expect(warnings[0]?.details.restoredFrom).toBe('defaults');
    expect(settings.workerCount).toBe('auto');
  });
});

describe('a full disk', () => {
  /** Writes half the bytes, then fails as the kernel does when the disk is full. */
  const fullDisk: WriteData = async (handle, data) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
  };

  it('reports E_DISK_FULL and leaves the old file and the settings in memory as they were', async () => {
    const good = new SettingsStore({ dataDir: dir });
    const { settings } = await good.load();
    const store = new SettingsStore({ dataDir: dir, writeData: fullDisk });
    await store.load();
    const error = await store.update({ theme: 'dark' }).catch((e: unknown) => e);
    expect((error as ZkError).code).toBe('E_DISK_FULL');
    expect(await onDisk()).toEqual(settings);
    expect(store.get().theme).toBe('system');
    expect((await readdir(dir)).sort()).toEqual(['settings.json']);
  });

  it('an unwritable data directory at start-up is a warning, not a crash', async () => {
    const store = new SettingsStore({ dataDir: dir, writeData: fullDisk });
    const { settings, warnings } = await store.load();
    expect(settings.theme).toBe('system');
    expect(warnings.map((w) => w.code)).toEqual(['E_DISK_FULL']);
  });
});
