// The one window: context isolation, the Chromium sandbox, no Node in the page, the preload
// bridge as the only door. The page's own CSP (renderer/index.html) forbids inline script.
import path from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';

export interface MainWindowOptions {
  rendererIndex: string;
  preloadScript: string;
}

export const secureWebPreferences = (preload: string): Electron.WebPreferences => ({
  preload,
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
  // DevTools stay available for our own team's debugging; they cannot reach Node either.
  devTools: true,
});

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'zkdesk',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    webPreferences: secureWebPreferences(path.resolve(options.preloadScript)),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(options.rendererIndex);
  return window;
}
