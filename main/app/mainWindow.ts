// The one window: context isolation, the Chromium sandbox, no Node in the page, the preload
// bridge as the only door. The page's own CSP (renderer/index.html) forbids inline script.
// The options are written out literally so static checkers (electronegativity, our own
// scripts/security gate) can see them.
import path from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { MIN_WINDOW_SIZE } from './windowBounds.js';

export interface MainWindowOptions {
  /** zkdesk://app/index.html (appProtocol.ts). */
  url: string;
  preloadScript: string;
  /** Where it opens: the remembered place (windowBounds.ts), or the default size, centred. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  // electronegativity-ok AUXCLICK_JS_CHECK: middle-clicks open through setWindowOpenHandler, which denies every new window (appSecurity.ts).
  const window = new BrowserWindow({
    ...options.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'zkdesk',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    webPreferences: {
      // electronegativity-ok PRELOAD_JS_CHECK: the preload only forwards the contract's named methods through contextBridge (preload/preload.ts).
      preload: path.resolve(options.preloadScript),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => {
    if (options.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.url);
  return window;
}
