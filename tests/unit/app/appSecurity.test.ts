// The shell's guards on every web contents, and its menu, run against a thin stand-in for
// Electron: navigation away from the app and new windows are refused, links leave only for the
// allow-list, every permission is denied, and the menu has Help, Report a problem and Check for updates.
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from './electronFake.js';

const electron = vi.hoisted(() => ({ fake: null as unknown as import('./electronFake.js').ElectronFake }));
vi.mock('electron', async () => {
  const { createElectronFake } = await import('./electronFake.js');
  const { fake, module } = createElectronFake();
  electron.fake = fake;
  return module;
});

const { denyAllPermissions, guardAllWebContents, hardenWebContents } = await import('../../../main/app/appSecurity.js');
const { installAppMenu } = await import('../../../main/app/appMenu.js');
const { APP_URL } = await import('../../../main/app/appUrl.js');
const { channelOf } = await import('../../../preload/contract.js');

type WebContentsArg = Parameters<typeof hardenWebContents>[0];
type WindowGetter = Parameters<typeof installAppMenu>[0];

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContentsArg);
  return contents;
}

describe('hardenWebContents', () => {
  it("lets the page move between its own routes, and nowhere else", () => {
    const contents = hardened();
    expect(contents.emit('will-navigate', `${APP_URL}#/help`)).toBe(false);
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emit('will-redirect', `${APP_URL}#/prove`)).toBe(true);
    expect(contents.emit('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('opens no new window, and sends only allow-listed links to the browser', () => {
    const contents = hardened();
    const open = contents.windowOpenHandler;
    expect(open).not.toBeNull();
    expect(open?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'https://docs.circom.io/getting-started/' })).toEqual({ action: 'deny' });
    expect(electron.fake.openedExternally).toEqual(['https://docs.circom.io/getting-started/']);
  });

  it('guards every web contents created later too', () => {
    guardAllWebContents();
    const contents = new FakeWebContents();
    electron.fake.appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('answers no to every permission request and check', () => {
    denyAllPermissions();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      electron.fake.permissionRequest?.({}, permission, (answer) => (granted = answer));
      expect(granted).toBe(false);
      expect(electron.fake.permissionCheck?.({}, permission, 'zkdesk://app', {})).toBe(false);
    }
  });
});

describe('the app menu', () => {
  type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void };

  function installed() {
    const sent: Array<{ channel: string; payload: unknown }> = [];
    const window = { isDestroyed: () => false, webContents: { send: (channel: string, payload: unknown) => sent.push({ channel, payload }) } };
    let checks = 0;
    installAppMenu((() => window) as unknown as WindowGetter, { checkForUpdates: () => checks++ });
    const help = (electron.fake.menu as Item[]).find((item) => item.label === 'Help');
    return { help, sent, checks: () => checks };
  }

  it('has Help, Report a problem and Check for updates', () => {
    const { help } = installed();
    expect(help?.submenu?.map((i) => i.label).filter(Boolean)).toEqual(['zkdesk Help', 'Report a problem…', 'Check for Updates…']);
  });

  it('shows the Help and Diagnostics views, and checks for updates, when chosen', () => {
    const { help, sent, checks } = installed();
    const item = (label: string) => help?.submenu?.find((i) => i.label === label);
    item('zkdesk Help')?.click?.();
    item('Report a problem…')?.click?.();
    item('Check for Updates…')?.click?.();
    expect(sent).toEqual([
      { channel: channelOf('app.navigate'), payload: { view: 'help' } },
      { channel: channelOf('app.navigate'), payload: { view: 'diagnostics' } },
    ]);
    expect(checks()).toBe(1);
  });
});
