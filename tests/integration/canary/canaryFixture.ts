// Shared parts of the canary tests: valid health reports, and `release collect` as a real
// process (node bin/zkdesk.js) whose first stdout line says where it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { HEALTH_REPORT_SCHEMA, HEALTH_REPORTS_PATH, type HealthReport } from '../../../common/health/healthReportSchema.js';
import { ReportStore } from '../../../main/services/canary/reportStore.js';

export const projectRoot = path.resolve(import.meta.dirname, '../../..');

export function sampleReport(overrides: Partial<HealthReport> = {}): HealthReport {
  return {
    schema: HEALTH_REPORT_SCHEMA,
    id: randomUUID(),
    reportId: randomUUID(),
    createdAt: new Date().toISOString(),
    reason: 'proof',
    appVersion: '1.4.0-beta.3',
    channel: 'beta',
    platform: 'linux',
    arch: 'x64',
    verified: { native: 9, snarkjs: 1 },
    failed: { E_WORKER_CRASHED: 1 },
    workerCrashes: 1,
    outOfMemory: 0,
    timings: [{ domainPower: 13, proofs: 10, p50Ms: 290, p95Ms: 410 }],
    ...overrides,
  };
}

export interface CollectorProcess {
  child: ChildProcess;
  /** The receiver's root: the feed, when it serves one (release serve --reports, collect --feed). */
  url: string;
  reports: string;
  dashboard: string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** `zkdesk release collect` (or `release serve --reports`) in its own process, as the release team runs it. */
export async function startCollectorProcess(args: string[], command: 'collect' | 'serve' = 'collect'): Promise<CollectorProcess> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'zkdesk.js'), '--json', 'release', command, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        child.stdout?.off('data', onData);
        resolve(line);
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => reject(new Error(`release collect exited (${code}) before listening: ${stderr}`)));
  });
  const info = JSON.parse(first) as { reports: string; dashboard: string };
  return {
    child,
    url: info.reports.slice(0, -HEALTH_REPORTS_PATH.length + 1),
    reports: info.reports,
    dashboard: info.dashboard,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function postReport(url: string, report: unknown): Promise<{ status: number; body: { ok: boolean; error?: string; duplicate?: boolean } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
  return { status: response.status, body: (await response.json()) as { ok: boolean; error?: string; duplicate?: boolean } };
}

/** What a receiver's database holds, read through a connection of its own (as a second process would). */
export function readStore<T>(db: string, read: (store: ReportStore) => T): T {
  const store = new ReportStore(db);
  try {
    return read(store);
  } finally {
    store.close();
  }
}
