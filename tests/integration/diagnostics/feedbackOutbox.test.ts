// Feedback against a real HTTP server on 127.0.0.1: failures and retries, a server that is down,
// delivery at the next start, and the CLI end to end.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { FeedbackOutbox } from '../../../main/services/diagnostics/feedbackOutbox.js';
import { createRedactor } from '../../../main/services/diagnostics/redact.js';

interface Received {
  key: string | undefined;
  body: { id: string; message: string; installId: string | null; bundle: { sha256: string; base64: string } | null };
}

/** A feedback server that answers with the given statuses in turn (then 200), and records what arrived. */
async function feedbackServer(statuses: number[]): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const queue = [...statuses];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = queue.shift() ?? 200;
      if (status === 200) received.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'] });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/feedback`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let dir: string;
const redactor = createRedactor({ homeDir: '/home/alice' });
const noWait = async () => undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-outbox-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('feedback outbox', () => {
  it('retries 503s with backoff, delivers once with its idempotency key, and empties the outbox', async () => {
    const server = await feedbackServer([503, 503]);
    try {
      const bundle = path.join(dir, 'b.zip');
      await writeFile(bundle, Buffer.from('PK fake zip bytes'));
      const delays: number[] = [];
      const outbox = new FeedbackOutbox({ dataDir: dir, redactor, sleep: async (ms) => void delays.push(ms) });
      const item = await outbox.enqueue({ message: 'Proof of poseidon fails from /home/alice/in.json', installId: 'i-1', appVersion: '0.1.0', channel: 'beta', bundlePath: bundle });
      const report = await outbox.sendAll(server.url, { baseDelayMs: 100 });
      expect(report).toEqual({ sent: [item.id], kept: [] });
      expect(delays).toEqual([100, 200]);
      expect(server.received).toHaveLength(1);
      const got = server.received[0]!;
      expect(got.key).toBe(item.id);
      expect(got.body.message).toBe('Proof of poseidon fails from [home]/in.json');
      const sent = Buffer.from(got.body.bundle?.base64 ?? '', 'base64');
      expect(sent.toString()).toBe('PK fake zip bytes');
      expect(createHash('sha256').update(sent).digest('hex')).toBe(got.body.bundle?.sha256);
      expect(await readdir(outbox.dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('keeps feedback when the server is down and delivers it at the next start', async () => {
    const down = await feedbackServer([]);
    const deadUrl = down.url;
    await down.close();
    const first = new FeedbackOutbox({ dataDir: dir, redactor, sleep: noWait });
    const item = await first.enqueue({ message: 'first', installId: null, appVersion: '0.1.0', channel: 'stable' });
    const report = await first.sendAll(deadUrl, { attempts: 3 });
    expect(report.sent).toEqual([]);
    expect(report.kept[0]?.id).toBe(item.id);
    const [kept] = await first.pending();
    expect(kept).toMatchObject({ id: item.id, message: 'first', attempts: 3 });
    expect(kept?.lastError).toMatch(/fetch failed|ECONNREFUSED/);

    const server = await feedbackServer([]);
    try {
      const nextStart = new FeedbackOutbox({ dataDir: dir, redactor, sleep: noWait });
      expect((await nextStart.sendAll(server.url)).sent).toEqual([item.id]);
      expect(server.received.map((r) => r.body.message)).toEqual(['first']);
      expect(await nextStart.pending()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('does not hammer a server that refuses the request (400), and keeps the item', async () => {
    const server = await feedbackServer([400, 400, 400]);
    try {
      const outbox = new FeedbackOutbox({ dataDir: dir, redactor, sleep: noWait });
      await outbox.enqueue({ message: 'x', installId: null, appVersion: '0.1.0', channel: 'stable' });
      const report = await outbox.sendAll(server.url);
      expect(report.kept[0]?.error).toBe('HTTP 400');
      expect((await outbox.pending())[0]?.attempts).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('zkdesk feedback --message --attach-bundle sends a real bundle to the endpoint in settings', async () => {
    const server = await feedbackServer([500]);
    try {
      const dataDir = path.join(dir, 'data');
      await mkdir(dataDir, { recursive: true });
      await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ installId: '5b0e4c1a-8f3d-4e2b-9a71-c6d5e4f3a2b1', feedbackEndpoint: server.url, updateChannel: 'beta' }));
      const { stdout } = await promisify(execFile)(process.execPath, [path.resolve('bin/zkdesk.js'), '--data-dir', dataDir, 'feedback', '--message', 'hello from the CLI', '--attach-bundle', '--json']);
      const result = JSON.parse(stdout) as { ok: boolean; sent: string[] };
      expect(result.ok).toBe(true);
      expect(server.received).toHaveLength(1);
      const body = server.received[0]!.body;
      expect(body).toMatchObject({ message: 'hello from the CLI', installId: '5b0e4c1a-8f3d-4e2b-9a71-c6d5e4f3a2b1' });
      const zip = Buffer.from(body.bundle?.base64 ?? '', 'base64');
      expect(zip.subarray(0, 2).toString()).toBe('PK');
      expect(await readdir(path.join(dataDir, 'outbox'))).toEqual([]);
      await expect(readFile(path.join(dataDir, 'settings.json'), 'utf8')).resolves.toContain(server.url);
    } finally {
      await server.close();
    }
  });
});
