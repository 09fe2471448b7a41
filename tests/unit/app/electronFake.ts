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
  /** Every save dialog main showed, and what the next one answers (where the user saves, or cancel). */
  saveDialogs: Array<{ defaultPath?: string; filters?: Array<{ name: string; extensions: string[] }> }>;
  saveAnswer: { canceled: boolean; filePath?: string };
  /** Files shown in the file manager. */
  revealed: string[];
  /** What app.requestSingleInstanceLock answers: false as if another zkdesk held it. */
  singleInstanceLock: boolean;
  quitCalls: number;
  /** Notifications shown, with what a click on each would do. */
  notifications: Array<{ title: string; body: string; click: (() => void) | null }>;
  notificationsSupported: boolean;
  /** The screens' work areas, as screen.getAllDisplays() gives them. */
  workAreas: Array<{ x: number; y: number; width: number; height: number }>;
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
    saveDialogs: [],
    saveAnswer: { canceled: true },
    revealed: [],
    singleInstanceLock: true,
    quitCalls: 0,
    notifications: [],
    notificationsSupported: true,
    workAreas: [{ x: 0, y: 0, width: 1920, height: 1050 }],
  };
  class Notification {
    static isSupported = () => fake.notificationsSupported;
    private readonly shown: { title: string; body: string; click: (() => void) | null };
    constructor(options: { title: string; body: string }) {
      this.shown = { title: options.title, body: options.body, click: null };
    }
    on(name: string, listener: () => void): this {
      if (name === 'click') this.shown.click = listener;
      return this;
    }
    show(): void {
      fake.notifications.push(this.shown);
    }
  }
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
      showSaveDialog: async (...args: unknown[]) => {
        fake.saveDialogs.push(args.at(-1) as ElectronFake['saveDialogs'][number]);
        return fake.saveAnswer;
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
    app: {
      on: (name: string, listener: (...args: unknown[]) => void) => fake.appListeners.set(name, listener),
      requestSingleInstanceLock: () => fake.singleInstanceLock,
      getPath: (name: string) => `/fake-electron-path/${name}`,
      quit: () => {
        fake.quitCalls++;
      },
    },
    Notification,
    screen: { getAllDisplays: () => fake.workAreas.map((workArea) => ({ workArea })) },
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

/** A BrowserWindow as desktopIntegration.ts sees it: focus, visibility, bounds, the taskbar progress. */
export class FakeWindow {
  focused = true;
  visible = true;
  minimized = false;
  maximized = false;
  destroyed = false;
  bounds = { x: 100, y: 80, width: 1280, height: 820 };
  /** Every value given to setProgressBar, in order (-1 removes the bar). */
  progress: number[] = [];
  private readonly listeners = new Map<string, Array<() => void>>();

  isFocused = () => this.focused;
  isVisible = () => this.visible;
  isMinimized = () => this.minimized;
  isMaximized = () => this.maximized;
  isDestroyed = () => this.destroyed;
  getNormalBounds = () => ({ ...this.bounds });
  setProgressBar = (value: number) => {
    this.progress.push(value);
  };
  restore = () => {
    this.minimized = false;
  };
  show = () => {
    this.visible = true;
  };
  focus = () => {
    this.focused = true;
  };
  on(name: string, listener: () => void): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  emit(name: string): void {
    for (const listener of this.listeners.get(name) ?? []) listener();
  }
}
