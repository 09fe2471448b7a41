// The headless host as a browser and an attacker see it: a real server on 127.0.0.1, the real
// services behind it, real HTTP and WebSocket clients.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZkdeskApi } from '../../../main/api/apiHandlers.js';
import { ZkdeskServices } from '../../../main/api/zkdeskServices.js';
import { startHeadlessHost, type RunningHost } from '../../../main/host/headlessHost.js';
import { NodeWorkerLauncher } from '../../../main/services/prover/nodeWorkerLauncher.js';
import type { JobSnapshot } from '../../../common/prover/proverTypes.js';
import { compiledWorker, registry, releaseCurve } from '../../support/proverHarness.js';

let tmp: string;
let services: ZkdeskServices;
let host: RunningHost;

/** A raw request, so tests can send what a browser would not (a forged Host, no token). */
function request(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

function call(method: string, input?: unknown, headers: Record<string, string> = {}) {
  return request({
    path: '/api/call',
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Zkdesk-Token': host.token, Origin: host.origin, ...headers },
    body: JSON.stringify({ method, input }),
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-host-'));
  const rendererDir = path.join(tmp, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>zkdesk</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(tmp, 'secret.txt'), 'outside the renderer');
  services = await ZkdeskServices.open({ dataDir: path.join(tmp, 'data'), launcher: new NodeWorkerLauncher(), appVersion: '0.1.0-test', processName: 'host' });
  const api = new ZkdeskApi(services, { kind: 'browser', bundleDir: () => tmp, helpArticles: async () => [] });
  host = await startHeadlessHost({ api, rendererDir });
});

afterAll(async () => {
  await host.close();
  await services.close();
  await releaseCurve();
  await rm(tmp, { recursive: true, force: true });
});

describe('zkdesk serve: the headless host', () => {
  it('listens on 127.0.0.1 only and prints a URL with its token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses the page without the token, serves it with one and sets an HttpOnly cookie and a strict CSP', async () => {
    expect((await request({ path: '/' })).status).toBe(401);
    expect((await request({ path: '/?token=wrong' })).status).toBe(401);
    const page = await request({ path: `/?token=${host.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']?.[0]).toContain('HttpOnly');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const asset = await request({ path: '/assets/app.js', headers: { Cookie: `zkdesk_token=${host.token}` } });
    expect(asset.status).toBe(200);
    expect((await request({ path: '/assets/app.js' })).status).toBe(401);
    const escape = await request({ path: '/..%2fsecret.txt', headers: { Cookie: `zkdesk_token=${host.token}` } });
    expect(escape.status).toBe(404);
  });

  it('refuses calls without the token, from another origin, or for another Host (DNS rebinding)', async () => {
    expect((await call('app.info', undefined, { 'X-Zkdesk-Token': '' })).status).toBe(401);
    expect((await call('app.info', undefined, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('app.info', undefined, { Host: `attacker.example:${host.port}` })).status).toBe(403);
    const ok = await call('app.info');
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { host: 'browser', version: '0.1.0-test' } });
  });

  it("validates every input against the contract's schema and names unknown methods", async () => {
    const bad = JSON.parse((await call('prover.submit', { circuitId: 'stress-12', input: 'not an object' })).body) as { ok: boolean; error: { code: string; message: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('E_INPUT_INVALID');
    expect(bad.error.message).toContain('prover.submit');
    const unknown = JSON.parse((await call('fs.readFile', { path: '/etc/passwd' })).body) as { ok: boolean; error: { code: string } };
    expect(unknown.error.code).toBe('E_INPUT_INVALID');
    const malformed = await request({ path: '/api/call', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Zkdesk-Token': host.token }, body: '{' });
    expect(malformed.status).toBe(400);
  });

  it('streams job progress over the WebSocket while a real proof runs, ending verified', async () => {
    expect(compiledWorker()).toContain('dist');
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`, { origin: host.origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const states: JobSnapshot[] = [];
    const finished = new Promise<JobSnapshot>((resolve) =>
      ws.on('message', (data) => {
        const { event, payload } = JSON.parse(String(data)) as { event: string; payload: JobSnapshot };
        if (event !== 'prover.job') return;
        states.push(payload);
        if (payload.state === 'verified' || payload.state === 'failed') resolve(payload);
      }),
    );
    const input = await registry.sampleInput('poseidon-preimage');
    const submitted = JSON.parse((await call('prover.submit', { circuitId: 'poseidon-preimage', input })).body) as { ok: boolean; value: { jobId: string } };
    expect(submitted.ok).toBe(true);
    const last = await finished;
    expect(last.state).toBe('verified');
    expect(states.some((s) => s.stage === 'prove')).toBe(true);
    const result = JSON.parse((await call('prover.result', { jobId: submitted.value.jobId })).body) as { value: { verified: boolean } };
    expect(result.value.verified).toBe(true);
    ws.close();
  });

  it('refuses a WebSocket from another origin or without the token', async () => {
    for (const [url, origin] of [
      [`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`, 'http://evil.example'],
      [`ws://127.0.0.1:${host.port}/api/events`, host.origin],
    ] as const) {
      const ws = new WebSocket(url, { origin });
      const outcome = await new Promise<string>((resolve) => {
        ws.once('open', () => resolve('open'));
        ws.once('error', () => resolve('refused'));
      });
      expect(outcome).toBe('refused');
    }
  });
});
