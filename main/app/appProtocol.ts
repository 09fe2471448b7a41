// The UI is served from the privileged scheme zkdesk://app/, not file://: the security guide's
// advice, and what lets the fuse that withholds file:// privileges stay off while Vite's module
// scripts still load. Only files inside the built renderer are served, each with the UI's CSP.
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { rendererCsp } from '../api/rendererCsp.js';
import { APP_SCHEME, rendererFileFor } from './appUrl.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', rendererCsp());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
