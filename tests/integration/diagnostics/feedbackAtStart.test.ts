// Feedback that could not be sent is delivered by the next start of the app or the host (the
// real composition root against a real HTTP server on 127.0.0.1), and attaching a bundle leaves
// no copy behind in the cache or outside the data directory.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { ZkdeskServices } from '../../../main/api/zkdeskServices.js';
import { ZkdeskApi } from '../../../main/api/apiHandlers.js';
import { NodeWorkerLauncher } from '../../../main/services/prover/nodeWorkerLauncher.js';
import { waitFor } from '../../support/proverHarness.js';

const installId = '5b0e4c1a-8f3d-4e2b-9a71-c6d5e4f3a2b1';

/** Answers 503 until `accepting` is set, then 200; records the messages it accepted. */
async function feedbackServer(): Promise<{ url: string; received: string[]; refused: number; accept(): void; close(): Promise<void> }> {
  const state = { accepting: false, refused: 0, received: [] as string[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!state.accepting) {
        state.refused++;
        res.writeHead(503).end();
        return;
      }
      state.received.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message: string }).message);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feedback`,
    received: state.received,
    get refused() {
      return state.refused;
    },
    accept: () => void (state.accepting = true),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let dir: string;
let dataDir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-feedback-start-'));
  dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(): Promise<ZkdeskServices> {
  return ZkdeskServices.open({ dataDir, launcher: new NodeWorkerLauncher(), appVersion: '0.1.0-test', processName: 'host' });
}

describe('feedback across starts', () => {
  it('a message one run could not send is delivered when the next run opens its services', async () => {
    const server = await feedbackServer();
    try {
      await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ installId, feedbackEndpoint: server.url }));
      const first = await open();
      const item = await first.feedback.enqueue({ message: 'sent while the server was down', installId, appVersion: '0.1.0-test', channel: 'stable' });
      const report = await first.feedback.sendAll(server.url, { attempts: 1 });
      expect(report.kept.map((k) => k.id)).toEqual([item.id]);
      await first.close();
      expect(server.received).toEqual([]);
      expect(server.refused).toBe(1);

      server.accept();
      const next = await open();
      try {
        // Nobody asks it to send: opening the services is enough.
        await waitFor(() => server.received.length > 0, 15_000);
        expect(server.received).toEqual(['sent while the server was down']);
        await next.retryPendingFeedback();
        expect(await next.feedback.pending()).toEqual([]);
      } finally {
        await next.close();
      }
    } finally {
      await server.close();
    }
  });

  it('a run closed while its start-up send is still failing keeps the message for the one after', async () => {
    const server = await feedbackServer();
    try {
      await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ installId, feedbackEndpoint: server.url }));
      const seed = await open();
      await seed.feedback.enqueue({ message: 'still pending', installId, appVersion: '0.1.0-test', channel: 'stable' });
      await seed.close();
      const next = await open();
      await waitFor(() => server.refused > 0, 15_000);
      await next.close();
      const left = await open();
      try {
        expect((await left.feedback.pending()).map((p) => p.message)).toEqual(['still pending']);
      } finally {
        await left.close();
      }
    } finally {
      await server.close();
    }
  });

  it('the app\'s feedback form leaves no bundle copy in the cache: the outbox holds the only one', async () => {
    await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ installId }));
    const services = await open();
    try {
      const api = new ZkdeskApi(services, { kind: 'browser', bundleDir: () => dir, helpArticles: async () => [] });
      const result = await api.dispatch('diagnostics.feedback', { message: 'with a bundle', attachBundle: true });
      expect(result).toEqual({ ok: true, value: { queued: true, sent: false, waiting: 1 } });
      const cache = await readdir(path.join(dataDir, 'cache')).catch(() => []);
      expect(cache.filter((f) => f.startsWith('feedback-bundle-'))).toEqual([]);
      const outbox = await readdir(path.join(dataDir, 'outbox'));
      expect(outbox.filter((f) => f.endsWith('.zip'))).toHaveLength(1);
    } finally {
      await services.close();
    }
  }, 30_000);

  it('zkdesk feedback --attach-bundle writes its scratch bundle inside the data directory, never the system temp folder', async () => {
    await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ installId }));
    // A temp folder that cannot be used: the command must not need it.
    const env = { ...process.env, TMPDIR: path.join(dir, 'no-such-tmp'), TEMP: path.join(dir, 'no-such-tmp'), TMP: path.join(dir, 'no-such-tmp') };
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [path.resolve('bin/zkdesk.js'), '--data-dir', dataDir, 'feedback', '--message', 'bundle please', '--attach-bundle', '--json'], { env }).catch(
      (error: { stdout: string; stderr: string }) => {
        // Exit 3: kept for later (no endpoint is set); anything else is a failure.
        if (!error.stdout) throw new Error(error.stderr);
        return error;
      },
    );
    const result = JSON.parse(stdout) as { queued: string | null };
    expect(result.queued).toMatch(/^[0-9a-f-]{36}$/);
    const outbox = await readdir(path.join(dataDir, 'outbox'));
    expect(outbox).toContain(`${result.queued}.zip`);
    expect((await readdir(path.join(dataDir, 'cache'))).filter((f) => f.startsWith('feedback-'))).toEqual([]);
  }, 30_000);
});
