// The data directory is the user's alone, and the feedback address's password is kept out of
// settings.json and out of every bundle. Real services, a real proof, a real bundle, a real
// feedback POST to a server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZkdeskApi } from '../../../main/api/apiHandlers.js';
import { ZkdeskServices } from '../../../main/api/zkdeskServices.js';
import { openBundle } from '../../../main/services/diagnostics/bundleReader.js';
import { NodeWorkerLauncher } from '../../../main/services/prover/nodeWorkerLauncher.js';
import { releaseCurve, sampleInput } from '../../support/proverHarness.js';

const PASSWORD = 's3cret-Pa55-for-feedback';
let tmp: string;
let server: Server;
let port: number;
const received: Array<{ authorization: string | undefined }> = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-private-'));
  server = createServer((req, res) => {
    received.push({ authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => res.writeHead(200).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await releaseCurve();
  await rm(tmp, { recursive: true, force: true });
});

async function walk(dir: string): Promise<Array<{ file: string; mode: number; folder: boolean }>> {
  const found: Array<{ file: string; mode: number; folder: boolean }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    found.push({ file: path.relative(tmp, full), mode: (await stat(full)).mode & 0o777, folder: entry.isDirectory() });
    if (entry.isDirectory()) found.push(...(await walk(full)));
  }
  return found;
}

const open = (dataDir: string) => ZkdeskServices.open({ dataDir, defaultDataDir: path.join(tmp, 'default'), launcher: new NodeWorkerLauncher(), appVersion: '0.1.0-test', processName: 'host' });

describe('the data directory', () => {
  it('holds every file 0600 and every folder 0700 after a proof, a bundle and feedback (issue 15, item 3)', async () => {
    const dataDir = path.join(tmp, 'fresh', 'data');
    const services = await open(dataDir);
    try {
      const api = new ZkdeskApi(services, { kind: 'browser', bundleDir: () => path.join(dataDir, 'bundles'), helpArticles: async () => [] });
      const circuit = await services.resolveCircuit('poseidon-preimage');
      expect((await (await services.prover.submit({ circuit, input: await sampleInput('poseidon-preimage') })).result).verified).toBe(true);
      await services.updateSettings({ feedbackEndpoint: `http://tester:${PASSWORD}@127.0.0.1:${port}/feedback` });
      const preview = (await api.dispatch('diagnostics.preview', {})) as { value: { planId: string } };
      const written = (await api.dispatch('diagnostics.write', { planId: preview.value.planId })) as { ok: boolean; value: { path: string } };
      expect(written.ok).toBe(true);
      expect(await api.dispatch('diagnostics.feedback', { message: 'it works', attachBundle: true })).toMatchObject({ ok: true, value: { sent: true } });

      // The password went with the POST as a header, and is nowhere in settings or the bundle.
      expect(received.at(-1)?.authorization).toBe(`Basic ${Buffer.from(`tester:${PASSWORD}`).toString('base64')}`);
      for (const name of ['settings.json', 'settings.json.bak']) expect(await readFile(path.join(dataDir, name), 'utf8').catch(() => '')).not.toContain(PASSWORD);
      expect(services.settings.get().feedbackEndpoint).toBe(`http://127.0.0.1:${port}/feedback`);
      const bundle = await openBundle(written.value.path);
      for (const [name, content] of bundle.files) {
        expect(content.toString('utf8'), name).not.toContain(PASSWORD);
        expect(name).not.toContain('feedback-credentials');
      }
      const info = (await api.dispatch('app.info', undefined)) as { value: { secretStorage: string } };
      expect(info.value.secretStorage).toBe('plain-file');
    } finally {
      await services.close();
    }
    const entries = await walk(path.join(tmp, 'fresh', 'data'));
    expect(entries.some((e) => e.file.endsWith('history.jsonl'))).toBe(true);
    expect(entries.some((e) => e.file.endsWith('feedback-credentials.json'))).toBe(true);
    expect(entries.filter((e) => !e.folder && e.mode !== 0o600)).toEqual([]);
    expect(entries.filter((e) => e.folder && e.mode !== 0o700)).toEqual([]);
    expect((await stat(path.join(tmp, 'fresh', 'data'))).mode & 0o777).toBe(0o700);
  });

  it('moves credentials an older version left in settings.json out of it, and out of its backup, at start', async () => {
    const dataDir = path.join(tmp, 'older');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, feedbackEndpoint: `https://tester:${PASSWORD}@feedback.example.com/zkdesk` }));
    const services = await open(dataDir);
    try {
      expect(services.settings.get().feedbackEndpoint).toBe('https://feedback.example.com/zkdesk');
      expect(await services.feedbackCredentials.load()).toMatchObject({ credentials: { username: 'tester', password: PASSWORD } });
    } finally {
      await services.close();
    }
    for (const name of ['settings.json', 'settings.json.bak']) expect(await readFile(path.join(dataDir, name), 'utf8').catch(() => '')).not.toContain(PASSWORD);
  });
});
