// The UI is served from the privileged scheme zkdesk://app/, not file://: the security guide's
// advice, and what lets the fuse that withholds file:// privileges stay off while Vite's module
// scripts still load. Only files inside the built renderer are served, each with the UI's CSP.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { rendererCsp } from '../api/rendererCsp.js';

const SCHEME = 'zkdesk';
const HOST = 'app';
export const APP_URL = `${SCHEME}://${HOST}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** The app's own page, whatever hash route it shows. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${SCHEME}:` && parsed.host === HOST && parsed.pathname === '/index.html';
  } catch {
    return false;
  }
}

export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (url.host !== HOST || !file.startsWith(root + path.sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', rendererCsp());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
