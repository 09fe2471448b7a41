// The same health reports as OpenTelemetry metrics over OTLP/HTTP, for teams whose dashboards
// and alerts already live in a collector (Prometheus, Grafana, Honeycomb, …). Built on the
// OpenTelemetry JS SDK: a MeterProvider with a periodic reader and the OTLP/HTTP exporter (JSON
// encoding); each accepted report adds to counters, and each size class's p95 goes into a
// histogram. Attributes are the report's own enums and version: nothing else is known.
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { Counter, Histogram } from '@opentelemetry/api';
import type { HealthReport } from '../../../common/health/healthReportSchema.js';

export interface HealthMetricsExportOptions {
  /** The collector's OTLP/HTTP metrics URL, e.g. http://collector:4318/v1/metrics. */
  url: string;
  headers?: Record<string, string>;
  /** How often the metrics are pushed (the SDK's default is 60 s). */
  intervalMs?: number;
}

export class HealthMetricsExport {
  private readonly provider: MeterProvider;
  private readonly reports: Counter;
  private readonly proofs: Counter;
  private readonly crashes: Counter;
  private readonly outOfMemory: Counter;
  private readonly p95: Histogram;

  constructor(options: HealthMetricsExportOptions) {
    const exporter = new OTLPMetricExporter({ url: options.url, ...(options.headers ? { headers: options.headers } : {}) });
    this.provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'zkdesk-release-collect' }),
      readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: options.intervalMs ?? 60_000 })],
    });
    const meter = this.provider.getMeter('zkdesk.health');
    this.reports = meter.createCounter('zkdesk.health.reports', { description: 'Health reports accepted from installs' });
    this.proofs = meter.createCounter('zkdesk.proofs', { description: 'Proofs reported by installs, by outcome, prover and error code' });
    this.crashes = meter.createCounter('zkdesk.worker.crashes', { description: 'Prover processes that died while proving' });
    this.outOfMemory = meter.createCounter('zkdesk.worker.out_of_memory', { description: 'Proofs stopped for using too much memory' });
    this.p95 = meter.createHistogram('zkdesk.prove.p95_duration', { unit: 'ms', description: "Installs' p95 prove time, per circuit size class" });
  }

  record(report: HealthReport): void {
    const base = { 'zkdesk.version': report.appVersion, 'zkdesk.channel': report.channel, 'zkdesk.platform': report.platform, 'zkdesk.arch': report.arch };
    this.reports.add(1, { ...base, 'zkdesk.reason': report.reason });
    for (const [backend, n] of Object.entries(report.verified)) if (n > 0) this.proofs.add(n, { ...base, 'zkdesk.outcome': 'verified', 'zkdesk.backend': backend });
    for (const [code, n] of Object.entries(report.failed)) if (n > 0) this.proofs.add(n, { ...base, 'zkdesk.outcome': 'failed', 'zkdesk.error_code': code });
    if (report.workerCrashes > 0) this.crashes.add(report.workerCrashes, base);
    if (report.outOfMemory > 0) this.outOfMemory.add(report.outOfMemory, base);
    for (const t of report.timings) this.p95.record(t.p95Ms, { ...base, 'zkdesk.size_class': `2^${t.domainPower}` });
  }

  /** Pushes what is recorded now (tests, and before the receiver stops). */
  async flush(): Promise<void> {
    await this.provider.forceFlush();
  }

  async close(): Promise<void> {
    await this.provider.shutdown();
  }
}
