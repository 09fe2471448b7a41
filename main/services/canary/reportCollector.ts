// `release collect` (and `release serve --reports`): the HTTP receiver for health reports.
//   POST /v1/health-reports   a report (JSON); 201 when stored, 200 when it was stored before,
//                             400/413/415/422 when refused, with the reason. The answer is sent
//                             only after the row is committed (reportStore.ts).
//   GET  /dashboard?token=…   the dashboard page; GET /v1/summary?token=… the same as JSON.
//   GET  anything else        the feed folder, when one is given (release serve's files).
// It listens on 127.0.0.1 unless given another address. Reports need no token (installs post
// them); the dashboard does, a random one printed at start, since it reads the release log.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HEALTH_REPORTS_PATH, healthReportSchema } from '../../../common/health/healthReportSchema.js';
import { handleFeedRequest } from '../updates/release/feedServer.js';
import type { HealthMetricsExport } from './healthMetricsExport.js';
import { dashboardCsp, renderHealthDashboard } from './healthDashboardPage.js';
import { summarizeReleaseHealth } from './releaseHealthSummary.js';
import type { ReportStore } from './reportStore.js';

/** A report is a few hundred bytes; this leaves room for every error code and size class. */
const MAX_BODY_BYTES = 64 * 1024;

export interface ReportCollectorOptions {
  store: ReportStore;
  host?: string;
  port?: number;
  /** Served on GET beside the reports, and read for the halts the dashboard lists. */
  feedDir?: string | null;
  metrics?: HealthMetricsExport | null;
  /** The dashboard's token; a random one when absent. */
  token?: string;
  now?: () => Date;
  /** Each accepted report, after it is committed (the CLI prints a line). */
  onReport?: (outcome: 'stored' | 'duplicate' | 'refused', detail: string) => void;
}

export interface ReportCollector {
  /** Where installs post: the reports endpoint. */
  reportsUrl: string;
  dashboardUrl: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_BODY_BYTES) {
        reject(new Refusal(413, `A report is at most ${MAX_BODY_BYTES} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(`${JSON.stringify(body)}\n`);
}

export async function startReportCollector(options: ReportCollectorOptions): Promise<ReportCollector> {
  const now = options.now ?? (() => new Date());
  const token = options.token ?? randomBytes(16).toString('hex');
  const feedRoot = options.feedDir ? path.resolve(options.feedDir) : null;

  function tokenOk(url: URL): boolean {
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async function accept(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    try {
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new Refusal(415, 'A report is sent as application/json.');
      let raw: unknown;
      try {
        raw = JSON.parse((await readBody(request)).toString('utf8'));
      } catch (error) {
        if (error instanceof Refusal) throw error;
        throw new Refusal(400, 'The body is not JSON.');
      }
      const parsed = healthReportSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue ? issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '') : '';
        throw new Refusal(422, issue?.code === 'unrecognized_keys' ? `Fields a report may not carry: ${issue.keys.join(', ')}.` : `${field || 'report'}: ${issue?.message ?? 'invalid'}`, field);
      }
      // Synchronous: the row is committed (WAL fsynced) before the next line runs.
      const stored = options.store.add(parsed.data, now());
      options.metrics?.record(parsed.data);
      options.onReport?.(stored ? 'stored' : 'duplicate', `${parsed.data.channel} ${parsed.data.appVersion} ${parsed.data.id}`);
      sendJson(response, stored ? 201 : 200, { ok: true, id: parsed.data.id, duplicate: !stored });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      options.onReport?.('refused', error.message);
      if (!response.headersSent) sendJson(response, error.status, { ok: false, error: error.message, ...(error.field ? { field: error.field } : {}) });
    }
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === HEALTH_REPORTS_PATH) {
      if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end();
      return accept(request, response);
    }
    if (url.pathname === '/dashboard' || url.pathname === '/v1/summary') {
      if (request.method !== 'GET') return void response.writeHead(405, { allow: 'GET' }).end();
      if (!tokenOk(url)) return void sendJson(response, 403, { ok: false, error: 'The dashboard needs the token printed when release collect started.' });
      const summary = await summarizeReleaseHealth(options.store, feedRoot, now());
      if (url.pathname === '/v1/summary') return sendJson(response, 200, summary);
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': dashboardCsp, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' })
        .end(renderHealthDashboard(summary));
      return;
    }
    if (feedRoot) return handleFeedRequest(feedRoot, request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }

  const server = http.createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${shown}:${port}/`;
  return {
    url,
    port,
    reportsUrl: `${url.slice(0, -1)}${HEALTH_REPORTS_PATH}`,
    dashboardUrl: `${url}dashboard?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
