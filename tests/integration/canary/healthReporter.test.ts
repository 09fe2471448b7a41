// Health reports from the real composition root (what the app and `zkdesk serve` run), after
// real proofs in real workers, to a real receiver on 127.0.0.1: nothing leaves before the user
// says yes; after that a start report and one per proof batch arrive with the proof's counts;
// a report that cannot be sent waits in the outbox; resetting the id changes it; turning reports
// off drops what waits.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ReportStore } from '../../../main/services/canary/reportStore.js';
import { startReportCollector, type ReportCollector } from '../../../main/services/canary/reportCollector.js';
import type { HealthReport } from '../../../common/health/healthReportSchema.js';
import { openTestServices, type TestServices } from '../../support/servicesHarness.js';
import { releaseCurve, sampleInput, waitFor } from '../../support/proverHarness.js';
import { readStore } from './canaryFixture.js';

let dir: string;
let store: ReportStore;
let collector: ReportCollector;
let opened: TestServices;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-health-'));
  store = new ReportStore(path.join(dir, 'reports.sqlite'));
  collector = await startReportCollector({ store });
  opened = await openTestServices('health', { healthProofIntervalMs: 0, appVersion: '1.4.0-beta.3' });
});
afterAll(async () => {
  await opened.close();
  await releaseCurve();
  await collector.close();
  store.close();
  await rm(dir, { recursive: true, force: true });
});

async function prove(id = 'stress-12'): Promise<void> {
  const s = opened.services;
  await (await s.prover.submit({ circuit: await s.resolveCircuit(id), input: await sampleInput(id) })).result;
}

function received(): HealthReport[] {
  return readStore(store.file, (reader) => reader.bodies().map((body) => JSON.parse(body) as HealthReport));
}

describe('health reports from an install', () => {
  it('sends nothing until the user agrees, then a start report and the counts of each proof', async () => {
    const s = opened.services;
    await s.updateSettings({ updateChannel: 'beta', healthEndpoint: collector.reportsUrl });
    expect(s.settings.get().healthReports).toBe('ask');
    await prove();
    await s.deliverHealth('proof');
    expect(await s.health.status()).toMatchObject({ enabled: false, reportId: null, queued: 0 });
    expect(store.count()).toBe(0);

    await s.updateSettings({ healthReports: 'on' });
    await waitFor(() => store.count() === 1);
    const [start] = received();
    // The proof made before the user agreed is not counted.
    expect(start).toMatchObject({ reason: 'start', appVersion: '1.4.0-beta.3', channel: 'beta', verified: { native: 0, snarkjs: 0 }, failed: {} });
    expect(start?.reportId).toBe((await s.health.status()).reportId);

    await prove();
    await waitFor(() => store.count() === 2);
    const proof = received().find((r) => r.reason === 'proof');
    expect((proof?.verified.native ?? 0) + (proof?.verified.snarkjs ?? 0)).toBe(1);
    expect(proof?.timings).toEqual([expect.objectContaining({ domainPower: 12, proofs: 1 })]);
    expect(proof?.reportId).toBe(start?.reportId);
  });

  it('keeps a report it cannot send in the outbox, resets the id on request, and drops what waits when turned off', async () => {
    const s = opened.services;
    const before = store.count();
    const oldId = (await s.health.status()).reportId;
    const newId = await s.health.resetReportId();
    expect(newId).not.toBe(oldId);

    // The receiver is unreachable: the report waits.
    await s.updateSettings({ healthEndpoint: 'http://127.0.0.1:9/v1/health-reports' });
    await s.deliverHealth('start');
    expect((await s.health.status()).queued).toBe(1);
    // Reachable again: it goes at the next delivery, with the new id.
    await s.updateSettings({ healthEndpoint: collector.reportsUrl });
    await s.deliverHealth('start');
    expect((await s.health.status()).queued).toBe(0);
    expect(store.count()).toBe(before + 2);
    expect(received().filter((r) => r.reportId === newId)).toHaveLength(2);

    await s.updateSettings({ healthEndpoint: 'http://127.0.0.1:9/v1/health-reports' });
    await s.deliverHealth('start');
    expect((await s.health.status()).queued).toBe(1);
    await s.updateSettings({ healthReports: 'off' });
    expect((await s.health.status()).queued).toBe(0);
    await prove();
    await s.deliverHealth('proof');
    expect((await s.health.status()).queued).toBe(0);
  });
});
