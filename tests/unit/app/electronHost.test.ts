// In the Electron app the page names no path: opening a package or a bundle, choosing the data
// directory, revealing or saving a bundle and saving the feedback file act only on what the user
// picked in main's own dialog (or what main wrote). The real API and services, Electron's dialog and shell as thin recorders.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ fake: null as unknown as import('./electronFake.js').ElectronFake }));
vi.mock('electron', async () => {
  const { createElectronFake: create } = await import('./electronFake.js');
  const { fake, module } = create();
  electron.fake = fake;
  return module;
});

const { electronHostCapabilities } = await import('../../../main/app/electronHost.js');
const { ZkdeskApi } = await import('../../../main/api/apiHandlers.js');
const { openTestServices } = await import('../../support/servicesHarness.js');

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

describe('paths in the Electron app come from main, never from the page', () => {
  let opened: Awaited<ReturnType<typeof openTestServices>>;
  let api: InstanceType<typeof ZkdeskApi>;
  let tmp: string;
  const call = (name: string, input: unknown) => api.dispatch(name, input) as Promise<Result>;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-electron-host-'));
    opened = await openTestServices('electron-host', { defaultDataDir: path.join(tmp, 'default') });
    api = new ZkdeskApi(opened.services, electronHostCapabilities({ bundleDir: () => path.join(tmp, 'bundles'), helpArticles: async () => [], window: () => null }));
  });
  afterAll(async () => {
    await opened?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it.each([
    ['circuits.openPackage', { path: '/etc' }],
    ['diagnostics.open', { path: '/etc/passwd' }],
    ['settings.chooseDataDir', { path: path.join(os.tmpdir(), 'somewhere-the-page-chose') }],
  ])('%s refuses a path from the page, and shows no dialog', async (method, input) => {
    const before = electron.fake.dialogs.length;
    const answer = await call(method, input);
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('E_INPUT_INVALID');
    expect(answer.error?.message).toContain("chosen in its own dialog");
    expect(electron.fake.dialogs.length).toBe(before);
  });

  it('opens main\'s dialog instead, and a cancelled dialog does nothing', async () => {
    electron.fake.dialogAnswer = { canceled: true, filePaths: [] };
    expect(await call('circuits.openPackage', {})).toEqual({ ok: true, value: null });
    expect(electron.fake.dialogs.at(-1)).toMatchObject({ properties: ['openFile', 'openDirectory'] });
    expect(await call('diagnostics.open', {})).toEqual({ ok: true, value: null });
    expect(await call('settings.chooseDataDir', {})).toEqual({ ok: true, value: null });
    expect(electron.fake.dialogs.at(-1)).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
  });

  it('moves the data directory only to the folder picked in that dialog', async () => {
    const picked = path.join(tmp, 'picked-data');
    electron.fake.dialogAnswer = { canceled: false, filePaths: [picked] };
    const answer = await call('settings.chooseDataDir', {});
    expect(answer).toMatchObject({ ok: true, value: { dataDir: picked } });
  });

  it('reveals only a bundle main wrote, named by the handle it gave, never a path', async () => {
    expect((await call('diagnostics.reveal', { path: '/etc/passwd' })).error?.code).toBe('E_INPUT_INVALID');
    expect((await call('diagnostics.reveal', { handle: 'made-up-by-the-page' })).error?.code).toBe('E_INPUT_INVALID');
    expect(electron.fake.revealed).toEqual([]);
    const preview = (await call('diagnostics.preview', {})).value as { planId: string };
    const written = (await call('diagnostics.write', { planId: preview.planId })).value as { path: string; handle: string };
    expect(await call('diagnostics.reveal', { handle: written.handle })).toEqual({ ok: true, value: { revealed: true } });
    expect(electron.fake.revealed).toEqual([written.path]);
  });

  it("saves a copy of a bundle main wrote through main's save dialog, byte for byte, and nothing for a made-up handle", async () => {
    const preview = (await call('diagnostics.preview', {})).value as { planId: string };
    const written = (await call('diagnostics.write', { planId: preview.planId })).value as { path: string; handle: string; download: string | null };
    // The app offers no download URL: its dialog saves the copy, its file manager shows the original.
    expect(written.download).toBeNull();
    const copy = path.join(tmp, 'copy-for-support.zip');
    electron.fake.saveAnswer = { canceled: false, filePath: copy };
    expect(await call('diagnostics.saveBundle', { handle: written.handle })).toEqual({ ok: true, value: { saved: true } });
    expect(electron.fake.saveDialogs.at(-1)).toMatchObject({ defaultPath: path.join('/fake-electron-path/downloads', path.basename(written.path)), filters: [{ extensions: ['zip'] }] });
    expect((await readFile(copy)).equals(await readFile(written.path))).toBe(true);

    const dialogs = electron.fake.saveDialogs.length;
    expect((await call('diagnostics.saveBundle', { handle: 'made-up-by-the-page' })).error?.code).toBe('E_INPUT_INVALID');
    expect(electron.fake.saveDialogs.length).toBe(dialogs);
  });

  it('keeps feedback with no address set and saves it, redacted, as one file through the save dialog', async () => {
    const message = `Proving stalls; my inputs are in ${path.join(os.homedir(), 'zk-inputs', 'run.json')}`;
    expect(await call('diagnostics.feedback', { message })).toEqual({ ok: true, value: { queued: true, sent: false, waiting: 1 } });
    const file = path.join(tmp, 'feedback.json');
    electron.fake.saveAnswer = { canceled: false, filePath: file };
    expect(await call('diagnostics.saveFeedbackFile', undefined)).toEqual({ ok: true, value: { saved: true } });
    expect(electron.fake.saveDialogs.at(-1)).toMatchObject({ filters: [{ extensions: ['json'] }] });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(os.homedir());
    const saved = JSON.parse(text) as { format: string; messages: Array<{ message: string }> };
    expect(saved.format).toBe('zkdesk-feedback');
    expect(saved.messages).toHaveLength(1);
    expect(saved.messages[0]?.message).toMatch(/^Proving stalls; my inputs are in /);
  });
});
