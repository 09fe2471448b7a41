// The thinnest stand-in for the `electron` module that the shell's own code can run against in
// plain Node (no Electron binary can be had here): it records what the code registers with
// Electron (IPC handlers, menus, permission handlers, contextBridge exposures) so a test can
// drive those registrations the way Electron would. Used through vi.mock('electron', …).
export interface ElectronFake {
  ipcHandlers: Map<string, (event: unknown, input: unknown) => Promise<unknown>>;
  exposed: Map<string, unknown>;
  invoked: Array<{ channel: string; input: unknown }>;
  menu: unknown[] | null;
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
  permissionCheck: ((...args: unknown[]) => boolean) | null;
  openedExternally: string[];
  appListeners: Map<string, (...args: unknown[]) => void>;
  /** Every open dialog main showed, and what the next one answers (a path the user picks, or cancel). */
  dialogs: unknown[];
  dialogAnswer: { canceled: boolean; filePaths: string[] };
  /** Files shown in the file manager. */
  revealed: string[];
}

export function createElectronFake(): { fake: ElectronFake; module: Record<string, unknown> } {
  const fake: ElectronFake = {
    ipcHandlers: new Map(),
    exposed: new Map(),
    invoked: [],
    menu: null,
    permissionRequest: null,
    permissionCheck: null,
    openedExternally: [],
    appListeners: new Map(),
    dialogs: [],
    dialogAnswer: { canceled: true, filePaths: [] },
    revealed: [],
  };
  const module = {
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => fake.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
    },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        fake.invoked.push({ channel, input });
        return { ok: true, value: { channel } };
      },
      on: () => undefined,
      removeListener: () => undefined,
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown[]) => {
        fake.menu = menu;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: ElectronFake['permissionRequest']) => {
          fake.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: ElectronFake['permissionCheck']) => {
          fake.permissionCheck = handler;
        },
      },
    },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        fake.dialogs.push(args.at(-1));
        return fake.dialogAnswer;
      },
    },
    BrowserWindow: { getAllWindows: () => [] },
    shell: {
      showItemInFolder: (file: string) => {
        fake.revealed.push(file);
      },
      openExternal: async (url: string) => {
        fake.openedExternally.push(url);
      },
    },
    app: { on: (name: string, listener: (...args: unknown[]) => void) => fake.appListeners.set(name, listener) },
  };
  return { fake, module };
}

/** A web contents as appSecurity.ts sees it: events it can refuse, and a window-open handler. */
export class FakeWebContents {
  private readonly listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  on(name: string, listener: (event: { preventDefault(): void }, url: string) => void): this {
    this.listeners.set(name, listener);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** Fires an event as Electron would; true when the handler refused it. */
  emit(name: string, url: string): boolean {
    let prevented = false;
    this.listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}
