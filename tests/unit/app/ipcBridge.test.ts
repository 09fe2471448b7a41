// The IPC bridge as Electron would drive it: the real contract and the real services (on a
// temporary data directory) behind it, Electron's ipcMain replaced by a thin recorder. A call
// from anything but the app's own top frame is refused before a service sees it, and every
// input is parsed by the contract's schema.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ fake: null as unknown as import('./electronFake.js').ElectronFake }));
vi.mock('electron', async () => {
  const { createElectronFake: create } = await import('./electronFake.js');
  const { fake, module } = create();
  electron.fake = fake;
  return module;
});

const { isTrustedSender, wireIpc } = await import('../../../main/app/ipcBridge.js');
const { ZkdeskApi } = await import('../../../main/api/apiHandlers.js');
const { openTestServices } = await import('../../support/servicesHarness.js');
const { channelOf, methodNames } = await import('../../../preload/contract.js');
const { APP_URL } = await import('../../../main/app/appUrl.js');

type Frame = { url: string; parent: Frame | null } | null;
const sentFrom = (senderFrame: Frame) => ({ senderFrame }) as unknown as Parameters<typeof isTrustedSender>[0];
const appFrame: Frame = { url: `${APP_URL}#/settings`, parent: null };

describe('which frames may call zkdesk', () => {
  it("answers the app's own top frame only", () => {
    expect(isTrustedSender(sentFrom(appFrame))).toBe(true);
    expect(isTrustedSender(sentFrom({ url: 'https://evil.example/index.html', parent: null }))).toBe(false);
    expect(isTrustedSender(sentFrom({ url: 'zkdesk://app/other.html', parent: null }))).toBe(false);
    expect(isTrustedSender(sentFrom({ url: 'file:///opt/zkdesk/renderer/dist/index.html', parent: null }))).toBe(false);
    // A subframe is refused even when it loads the app's own URL.
    expect(isTrustedSender(sentFrom({ url: APP_URL, parent: appFrame }))).toBe(false);
    // A frame already gone (navigated away, destroyed) is refused.
    expect(isTrustedSender(sentFrom(null))).toBe(false);
  });
});

describe('the wired IPC channels', () => {
  let opened: Awaited<ReturnType<typeof openTestServices>>;
  let unwire: () => void;
  const call = (name: string, input: unknown, frame: Frame = appFrame) => {
    const handler = electron.fake.ipcHandlers.get(channelOf(name as never));
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler(sentFrom(frame), input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  };

  beforeAll(async () => {
    opened = await openTestServices('ipc-bridge');
    const api = new ZkdeskApi(opened.services, { kind: 'electron', bundleDir: () => opened.dataDir, helpArticles: async () => [] });
    unwire = wireIpc(api, () => []);
  });

  afterAll(async () => {
    unwire?.();
    await opened?.close();
  });

  it('has one channel per contract method and nothing else', () => {
    expect([...electron.fake.ipcHandlers.keys()].sort()).toEqual(methodNames.map((n) => channelOf(n)).sort());
  });

  it('answers a valid call from the app window with the real service', async () => {
    const answer = await call('settings.get', undefined);
    expect(answer.ok).toBe(true);
    expect((answer.value as { settings: { theme: string } }).settings.theme).toBe('system');
  });

  it("refuses input that does not match the method's schema, naming the problem", async () => {
    const answer = await call('settings.update', { patch: 'dark please' });
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('E_INPUT_INVALID');
    expect(answer.error?.message).toMatch(/settings\.update: patch/);
  });

  it('refuses a call from another origin, and the settings on disk stay as they were', async () => {
    const answer = await call('settings.update', { patch: { theme: 'dark' } }, { url: 'https://evil.example/', parent: null });
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toMatch(/did not come from the zkdesk window/);
    const onDisk = JSON.parse(await readFile(path.join(opened.dataDir, 'settings.json'), 'utf8').catch(() => '{}')) as { theme?: string };
    expect(onDisk.theme ?? 'system').toBe('system');
  });

  it('removes every channel when unwired', () => {
    unwire();
    expect(electron.fake.ipcHandlers.size).toBe(0);
    unwire = () => {};
  });
});
