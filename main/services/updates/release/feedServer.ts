// `release serve`: the feed folder over HTTP on 127.0.0.1 only, for testing builds against a
// local update server. GET and HEAD, single byte ranges (electron-updater's differential
// downloads ask for them), no directory listings, no dot-files, nothing outside the folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FeedServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export interface ServedRequest {
  method: string;
  path: string;
  status: number;
  /** Body bytes sent: the range's length for a 206. */
  bytes: number;
}

export async function startFeedServer(options: { dir: string; port?: number; onServed?: (served: ServedRequest) => void }): Promise<FeedServer> {
  const root = path.resolve(options.dir);
  const server = http.createServer((request, response) => {
    if (options.onServed) {
      response.once('finish', () =>
        options.onServed?.({
          method: request.method ?? '',
          path: request.url ?? '',
          status: response.statusCode,
          bytes: request.method === 'HEAD' ? 0 : Number(response.getHeader('content-length') ?? 0),
        }),
      );
    }
    void handle(root, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(root: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodedPath(request.url ?? '/');
  if (pathname === null) {
    // A bad escape (/%ZZ) is the client's mistake, not the server's.
    response.writeHead(400, { 'content-type': 'text/plain' }).end('malformed URL\n');
    return;
  }
  const target = path.resolve(root, `.${pathname}`);
  const inside = target.startsWith(root + path.sep);
  const hidden = pathname.split('/').some((part) => part.startsWith('.'));
  const info = inside && !hidden ? await stat(target).catch(() => null) : null;
  if (!info || !info.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  const headers: http.OutgoingHttpHeaders = {
    'content-type': contentTypes[path.extname(target)] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    // Channel files and flags change in place; installers never do.
    'cache-control': /\.(yml|json)$/.test(target) ? 'no-cache' : 'public, max-age=31536000, immutable',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (range && (range[1] !== '' || range[2] !== '')) {
    const start = range[1] === '' ? Math.max(0, info.size - Number(range[2])) : Number(range[1]);
    const end = range[1] === '' || range[2] === '' ? info.size - 1 : Math.min(Number(range[2]), info.size - 1);
    if (start > end || start >= info.size) {
      response.writeHead(416, { 'content-range': `bytes */${info.size}` }).end();
      return;
    }
    response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${info.size}`, 'content-length': end - start + 1 });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(target, { start, end }).pipe(response);
    return;
  }
  response.writeHead(200, { ...headers, 'content-length': info.size });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(target).pipe(response);
}

function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
}
