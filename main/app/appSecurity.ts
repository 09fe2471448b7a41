// The Electron security checklist, applied to every web contents the app ever creates:
// no navigation away from the app, no new windows, no permission prompts, and external links
// only to an allow-list, opened in the user's browser.
import { app, session, shell, type WebContents } from 'electron';
import { isAllowedExternal, isAppUrl } from './appUrl.js';

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // electronegativity-ok OPEN_EXTERNAL_JS_CHECK: only https URLs matching EXTERNAL_ALLOW_LIST (appUrl.ts) reach openExternal.
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Every web contents, including ones created later (devtools excepted), gets the same guard. */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
