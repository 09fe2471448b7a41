// Where an install's health reports go, with real parts: the composition root the app and
// `zkdesk serve` run, and the release team's `node bin/zkdesk.js release serve --reports` as its
// own process, serving the feed and taking reports on one port. An install updating from that
// feed, whose user set no address, sends there as soon as the user agrees; an install with no
// feed and no address keeps its reports in the outbox, says so, and sends them the moment the
// user gives an address (not at some later start). A feed host that is not a receiver (a static
// host answering 200 to anything) does not swallow them: only the receiver's answer naming the
// report counts as delivered.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { HealthReport } from '../../../common/health/healthReportSchema.js';
import { openTestServices, type TestServices } from '../../support/servicesHarness.js';
import { waitFor } from '../../support/proverHarness.js';
import { tempDir } from '../updates/feedFixture.js';
import { readStore, startCollectorProcess, type CollectorProcess } from './canaryFixture.js';

let root: string;
let db: string;
let receiver: CollectorProcess;
const opened: TestServices[] = [];

beforeAll(async () => {
  root = await tempDir('health-destination');
  const feedDir = path.join(root, 'feed');
  await mkdir(feedDir);
  db = path.join(root, 'reports.sqlite');
  receiver = await startCollectorProcess(['--dir', feedDir, '--reports', db], 'serve');
});
afterAll(async () => {
  for (const o of opened) await o.close();
  await receiver?.stop();
  await rm(root, { recursive: true, force: true });
});

async function open(name: string, feedUrl: string | null): Promise<TestServices> {
  const o = await openTestServices(name, { healthProofIntervalMs: 0, appVersion: '1.4.0-beta.3', feedUrl });
  opened.push(o);
  return o;
}

const received = (): HealthReport[] => readStore(db, (store) => store.bodies().map((b) => JSON.parse(b) as HealthReport));

describe('where health reports go', () => {
  it('to the update feed’s receiver when the user set no address', async () => {
    const { services } = await open('health-feed', receiver.url);
    expect(services.settings.get().healthEndpoint).toBeNull();
    // Before the user agrees nothing is queued or sent, but Settings can already say where reports would go.
    expect(await services.health.status()).toMatchObject({ enabled: false, endpoint: receiver.reports, endpointSource: 'update feed', queued: 0 });

    await services.updateSettings({ updateChannel: 'beta', healthReports: 'on' });
    await waitFor(() => received().length === 1);
    const [start] = received();
    expect(start).toMatchObject({ reason: 'start', channel: 'beta', appVersion: '1.4.0-beta.3' });
    expect(start?.reportId).toBe((await services.health.status()).reportId);
    await expect.poll(async () => (await services.health.status()).queued, { timeout: 20_000 }).toBe(0);
  });

  it('waits on the machine with no feed and no address, and goes as soon as the user gives one', async () => {
    const { services } = await open('health-nowhere', null);
    await services.updateSettings({ updateChannel: 'beta', healthReports: 'on' });
    await expect.poll(async () => (await services.health.status()).queued, { timeout: 20_000 }).toBe(1);
    const waiting = await services.health.status();
    expect(waiting).toMatchObject({ enabled: true, endpoint: null, endpointSource: null, queued: 1 });
    const before = received().length;

    await services.updateSettings({ healthEndpoint: receiver.reports });
    // No start and no proof in between: setting the address is what sends it.
    await waitFor(() => received().length === before + 1);
    expect(received().at(-1)).toMatchObject({ reason: 'start', reportId: waiting.reportId });
    await expect.poll(async () => (await services.health.status()).queued, { timeout: 20_000 }).toBe(0);
    expect(await services.health.status()).toMatchObject({ endpoint: receiver.reports, endpointSource: 'settings' });
  });

  it('keeps reports when the update server answers 200 but is not a receiver, and sends them to the address the user then gives', async () => {
    // A static host with a catch-all page: every request, a POST included, gets 200 and HTML.
    const host = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Downloads</title>'));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const o = await open('health-static-feed', `http://127.0.0.1:${(host.address() as AddressInfo).port}/zkdesk/`);
      const { services } = o;
      await services.updateSettings({ updateChannel: 'beta', healthReports: 'on' });
      await expect.poll(async () => (await services.health.status()).queued, { timeout: 20_000 }).toBe(1);
      const dir = path.join(o.dataDir, 'outbox', 'health');
      await expect
        .poll(async () => {
          const [file] = await readdir(dir);
          return file ? ((JSON.parse(await readFile(path.join(dir, file), 'utf8')) as { lastError: string | null }).lastError ?? '') : '';
        }, { timeout: 20_000 })
        .toContain("not a health report receiver's answer");
      const before = received().length;

      await services.updateSettings({ healthEndpoint: receiver.reports });
      await waitFor(() => received().length === before + 1);
      await expect.poll(async () => (await services.health.status()).queued, { timeout: 20_000 }).toBe(0);
    } finally {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});
