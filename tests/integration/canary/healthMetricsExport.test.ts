// The OTLP/HTTP export against a receiver on 127.0.0.1 that reads what really arrives: the
// OpenTelemetry SDK's exporter posts JSON-encoded ExportMetricsServiceRequests to /v1/metrics,
// and the counters and histogram there carry the reports' numbers and attributes.
import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HealthMetricsExport } from '../../../main/services/canary/healthMetricsExport.js';
import { ReportStore } from '../../../main/services/canary/reportStore.js';
import { startReportCollector, type ReportCollector } from '../../../main/services/canary/reportCollector.js';
import { postReport, sampleReport } from './canaryFixture.js';

interface OtlpValue {
  stringValue?: string;
}
interface OtlpPoint {
  attributes: Array<{ key: string; value: OtlpValue }>;
  asInt?: string | number;
  asDouble?: number;
  count?: string | number;
  sum?: number;
}
interface OtlpMetric {
  name: string;
  unit?: string;
  sum?: { dataPoints: OtlpPoint[]; isMonotonic?: boolean };
  histogram?: { dataPoints: OtlpPoint[] };
}
interface OtlpRequest {
  resourceMetrics: Array<{ resource: { attributes: Array<{ key: string; value: OtlpValue }> }; scopeMetrics: Array<{ scope: { name: string }; metrics: OtlpMetric[] }> }>;
}

/** An OTLP/HTTP receiver: keeps every request body sent to /v1/metrics. */
async function otlpReceiver(): Promise<{ url: string; requests: Array<{ contentType: string; body: OtlpRequest }>; close(): Promise<void> }> {
  const requests: Array<{ contentType: string; body: OtlpRequest }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/metrics' && req.method === 'POST') {
        requests.push({ contentType: req.headers['content-type'] ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const attrs = (p: OtlpPoint) => Object.fromEntries(p.attributes.map((a) => [a.key, a.value.stringValue]));
const num = (v: string | number | undefined) => Number(v ?? 0);

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('OTLP export of health reports', () => {
  it('sends what release collect accepted as OpenTelemetry metrics a collector can read', async () => {
    const receiver = await otlpReceiver();
    cleanup.push(() => receiver.close());
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-otlp-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const store = new ReportStore(path.join(dir, 'reports.sqlite'));
    cleanup.push(() => store.close());
    // A long interval: only the explicit flush below pushes, so what arrives is all there is.
    const metrics = new HealthMetricsExport({ url: receiver.url, intervalMs: 3_600_000 });
    cleanup.push(() => metrics.close());
    const collector: ReportCollector = await startReportCollector({ store, metrics });
    cleanup.push(() => collector.close());

    await postReport(collector.reportsUrl, sampleReport());
    await postReport(collector.reportsUrl, sampleReport({ appVersion: '1.4.0-beta.2', verified: { native: 20, snarkjs: 0 }, failed: {}, workerCrashes: 0 }));
    // Refused reports are not exported.
    expect((await postReport(collector.reportsUrl, { ...sampleReport(), serial: 'C02XK0' })).status).toBe(422);
    await metrics.flush();

    expect(receiver.requests.length).toBeGreaterThan(0);
    const last = receiver.requests[receiver.requests.length - 1]!;
    expect(last.contentType).toContain('application/json');
    const resource = last.body.resourceMetrics[0]!;
    expect(attrs({ attributes: resource.resource.attributes })['service.name']).toBe('zkdesk-release-collect');
    const all = resource.scopeMetrics.flatMap((s) => s.metrics);
    const metric = (name: string) => all.find((m) => m.name === name);

    const reports = metric('zkdesk.health.reports')!.sum!.dataPoints;
    expect(reports.reduce((n, p) => n + num(p.asInt ?? p.asDouble), 0)).toBe(2);

    const proofs = metric('zkdesk.proofs')!.sum!.dataPoints.map((p) => ({ ...attrs(p), n: num(p.asInt ?? p.asDouble) }));
    expect(proofs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ 'zkdesk.version': '1.4.0-beta.3', 'zkdesk.outcome': 'verified', 'zkdesk.backend': 'native', n: 9 }),
        expect.objectContaining({ 'zkdesk.version': '1.4.0-beta.3', 'zkdesk.outcome': 'failed', 'zkdesk.error_code': 'E_WORKER_CRASHED', n: 1 }),
        expect.objectContaining({ 'zkdesk.version': '1.4.0-beta.2', 'zkdesk.outcome': 'verified', 'zkdesk.backend': 'native', n: 20 }),
      ]),
    );
    const crashes = metric('zkdesk.worker.crashes')!.sum!.dataPoints;
    expect(crashes.map((p) => [attrs(p)['zkdesk.version'], num(p.asInt ?? p.asDouble)])).toEqual([['1.4.0-beta.3', 1]]);

    const p95 = metric('zkdesk.prove.p95_duration')!;
    expect(p95.unit).toBe('ms');
    const point = p95.histogram!.dataPoints.find((p) => attrs(p)['zkdesk.version'] === '1.4.0-beta.3')!;
    expect(attrs(point)['zkdesk.size_class']).toBe('2^13');
    expect([num(point.count), point.sum]).toEqual([1, 410]);
    // Nothing about the machine that sent it or the one that received it.
    expect(JSON.stringify(last.body)).not.toMatch(/host\.name|hostname|os\.description/);
  });
});
