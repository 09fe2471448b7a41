// `zkdesk serve`: the real UI in any Chromium, against the real services, on a machine without
// a display. Bound to 127.0.0.1 only; every request needs the random token printed in the URL
// (the page keeps it in an HttpOnly cookie for its own files, and sends it with each call);
// requests from another origin or Host are refused, which also defeats DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ZkdeskApi } from '../api/apiHandlers.js';
import { rendererCsp } from '../api/rendererCsp.js';

export interface HeadlessHostOptions {
  api: ZkdeskApi;
  /** The built renderer (renderer/dist). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Given in tests; random otherwise. */
  token?: string;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/** Where the page downloads a bundle main wrote: the handle diagnostics.write gave, nothing else. */
const BUNDLE_DOWNLOAD_PREFIX = '/api/bundles/';

export function bundleDownloadPath(handle: string): string {
  return `${BUNDLE_DOWNLOAD_PREFIX}${encodeURIComponent(handle)}`;
}

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'zkdesk_token';
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

export async function startHeadlessHost(options: HeadlessHostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const log = options.log ?? (() => {});
  let origin = '';
  let allowedHosts = new Set<string>();

  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': rendererCsp([origin.replace(/^http/, 'ws')]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });

  const refuse = (res: http.ServerResponse, status: number, reason: string): void => {
    res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`${reason}\n`);
  };

  /** Host must be ours (no DNS rebinding); Origin, when sent, must be ours (no other site). */
  const fromUs = (req: http.IncomingMessage): boolean => {
    if (!allowedHosts.has(req.headers.host ?? '')) return false;
    const from = req.headers.origin;
    return from === undefined || from === origin;
  };

  const serveFile = async (res: http.ServerResponse, urlPath: string, setCookie: boolean): Promise<void> => {
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
    } catch {
      // A malformed escape (`%zz`) is the client's mistake, not ours.
      return refuse(res, 400, 'malformed URL');
    }
    const file = path.resolve(rendererDir, `.${relative}`);
    if (!file.startsWith(rendererDir + path.sep)) return refuse(res, 404, 'not found');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return refuse(res, 404, 'not found');
    const headers: Record<string, string> = { ...securityHeaders(), 'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': String(info.size) };
    if (setCookie) headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  };

  /**
   * A bundle main wrote this session, as a download: the handle is looked up by the contract's
   * handlers, so no path the page names (and no other file) can be fetched here.
   */
  const serveBundle = async (res: http.ServerResponse, handle: string): Promise<void> => {
    let file: string | null;
    try {
      file = options.api.writtenBundleFile(decodeURIComponent(handle));
    } catch {
      return refuse(res, 400, 'malformed URL');
    }
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) return refuse(res, 404, 'no such bundle: write it again');
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': 'application/zip',
      'Content-Length': String(info.size),
      'Content-Disposition': `attachment; filename="${path.basename(file).replace(/[^\w.-]/g, '_')}"`,
    });
    createReadStream(file).pipe(res);
  };

  /** The body, or null when it is too large: then the reading stops at the limit, not at the end. */
  const readBody = (req: http.IncomingMessage): Promise<string | null> =>
    new Promise((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) {
          chunks.push(chunk);
          return;
        }
        req.off('data', onData);
        req.pause();
        resolve(null);
      };
      req.on('data', onData);
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  /** 413 at once, and the connection closed behind it, so the rest of the body is never read. */
  const tooLarge = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.shouldKeepAlive = false;
    res.on('finish', () => req.socket.destroy());
    refuse(res, 413, `body too large: the limit is ${MAX_BODY_BYTES} bytes`);
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (!fromUs(req)) return refuse(res, 403, 'forbidden: wrong host or origin');

      if (url.pathname === '/api/call') {
        if (req.method !== 'POST') return refuse(res, 405, 'POST only');
        if (!sameToken(req.headers['x-zkdesk-token'] as string | undefined, token)) return refuse(res, 401, 'missing or wrong token');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'JSON only');
        // A declared length over the limit is refused before a byte of the body is read.
        if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge(req, res);
        const text = await readBody(req);
        if (text === null) return tooLarge(req, res);
        let call: { method?: unknown; input?: unknown };
        try {
          call = JSON.parse(text) as typeof call;
        } catch {
          return refuse(res, 400, 'malformed JSON');
        }
        const result = await options.api.dispatch(call.method, call.input);
        const body = JSON.stringify(result);
        res.writeHead(200, { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
        res.end(body);
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
      // The first page load carries the token in the URL; it becomes a cookie for the assets.
      const byQuery = sameToken(url.searchParams.get('token'), token);
      if (!byQuery && !sameToken(cookieToken(req.headers.cookie), token)) return refuse(res, 401, 'missing or wrong token: open the URL zkdesk serve printed');
      if (url.pathname.startsWith(BUNDLE_DOWNLOAD_PREFIX)) return serveBundle(res, url.pathname.slice(BUNDLE_DOWNLOAD_PREFIX.length));
      await serveFile(res, url.pathname, byQuery);
    })().catch((error: unknown) => {
      log('request failed', { reason: String(error) });
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const tokenOk = sameToken(url.searchParams.get('token'), token);
    if (url.pathname !== '/api/events' || !fromUs(req) || !tokenOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const unsubscribe = options.api.subscribe((event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
      });
      ws.on('close', unsubscribe);
      // The page only listens; anything it sends is ignored.
      ws.on('message', () => {});
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  // Only the numeric address: a page opened as localhost would be another origin.
  allowedHosts = new Set([`127.0.0.1:${port}`]);
  log('headless host listening', { port });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
