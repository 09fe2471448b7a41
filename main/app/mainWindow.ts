// The one window: context isolation, the Chromium sandbox, no Node in the page, the preload
// bridge as the only door. The page's own CSP (renderer/index.html) forbids inline script.
// The options are written out literally so static checkers (electronegativity, our own
// scripts/security gate) can see them.
import path from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';

export interface MainWindowOptions {
  /** zkdesk://app/index.html (appProtocol.ts). */
  url: string;
  preloadScript: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  // electronegativity-ok AUXCLICK_JS_CHECK: middle-clicks open through setWindowOpenHandler, which denies every new window (appSecurity.ts).
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 900,
    minHeight: 600,
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
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
