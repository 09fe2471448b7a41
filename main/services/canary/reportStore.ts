// The receiver's store: health reports in SQLite (better-sqlite3). WAL with synchronous=FULL,
// one transaction per report, and the HTTP answer only after it commits: an acknowledged
// report is on disk, and a kill -9 at any moment loses nothing that was acknowledged. A
// report's own id is the primary key, so a report sent again (its answer lost) is stored once.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { failuresIn, proofsIn, type HealthReport } from '../../../common/health/healthReportSchema.js';

export interface VersionHealth {
  channel: 'stable' | 'beta';
  version: string;
  /** Distinct report ids: installs that reported (an id reset counts as a new install). */
  installs: number;
  reports: number;
  proofs: number;
  failures: number;
  workerCrashes: number;
  outOfMemory: number;
  firstReportAt: string;
  lastReportAt: string;
}

export interface VersionTiming {
  channel: string;
  version: string;
  domainPower: number;
  proofs: number;
  /** The installs' p95s, weighted by their proofs (percentiles cannot be merged exactly). */
  p95Ms: number;
  p50Ms: number;
}

export interface VersionFailureCode {
  channel: string;
  version: string;
  code: string;
  count: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  app_version TEXT NOT NULL,
  channel TEXT NOT NULL,
  platform TEXT NOT NULL,
  arch TEXT NOT NULL,
  proofs INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  worker_crashes INTEGER NOT NULL,
  out_of_memory INTEGER NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS reports_by_release ON reports (channel, app_version);
`;

export class ReportStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at every commit, not only at checkpoints (NORMAL could lose the
    // last commits to a power cut, which an acknowledgement must survive).
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO reports (id, report_id, received_at, created_at, reason, app_version, channel, platform, arch, proofs, failures, worker_crashes, out_of_memory, body)
       VALUES (@id, @reportId, @receivedAt, @createdAt, @reason, @appVersion, @channel, @platform, @arch, @proofs, @failures, @workerCrashes, @outOfMemory, @body)`,
    );
  }

  /** Commits the report; true when it is new, false when this id was stored before. */
  add(report: HealthReport, receivedAt: Date): boolean {
    const result = this.insert.run({
      id: report.id,
      reportId: report.reportId,
      receivedAt: receivedAt.toISOString(),
      createdAt: report.createdAt,
      reason: report.reason,
      appVersion: report.appVersion,
      channel: report.channel,
      platform: report.platform,
      arch: report.arch,
      proofs: proofsIn(report),
      failures: failuresIn(report),
      workerCrashes: report.workerCrashes,
      outOfMemory: report.outOfMemory,
      body: JSON.stringify(report),
    });
    return result.changes === 1;
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM reports WHERE id = ?').get(id) !== undefined;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n;
  }

  /** Every stored report as received, oldest first. */
  bodies(): string[] {
    return (this.db.prepare('SELECT body FROM reports ORDER BY received_at, rowid').all() as { body: string }[]).map((r) => r.body);
  }

  ids(): string[] {
    return (this.db.prepare('SELECT id FROM reports').all() as { id: string }[]).map((r) => r.id);
  }

  /** Per channel and version: installs, proofs, failures, crashes. */
  versions(channel?: string): VersionHealth[] {
    const rows = this.db
      .prepare(
        `SELECT channel, app_version AS version, COUNT(DISTINCT report_id) AS installs, COUNT(*) AS reports,
                SUM(proofs) AS proofs, SUM(failures) AS failures, SUM(worker_crashes) AS workerCrashes,
                SUM(out_of_memory) AS outOfMemory, MIN(created_at) AS firstReportAt, MAX(created_at) AS lastReportAt
         FROM reports ${channel ? 'WHERE channel = ?' : ''}
         GROUP BY channel, app_version ORDER BY channel, MIN(received_at)`,
      )
      .all(...(channel ? [channel] : [])) as VersionHealth[];
    return rows;
  }

  timings(): VersionTiming[] {
    return this.db
      .prepare(
        `SELECT r.channel AS channel, r.app_version AS version, json_extract(t.value, '$.domainPower') AS domainPower,
                SUM(json_extract(t.value, '$.proofs')) AS proofs,
                SUM(json_extract(t.value, '$.p95Ms') * json_extract(t.value, '$.proofs')) * 1.0 / SUM(json_extract(t.value, '$.proofs')) AS p95Ms,
                SUM(json_extract(t.value, '$.p50Ms') * json_extract(t.value, '$.proofs')) * 1.0 / SUM(json_extract(t.value, '$.proofs')) AS p50Ms
         FROM reports r, json_each(r.body, '$.timings') t
         GROUP BY r.channel, r.app_version, domainPower ORDER BY r.channel, r.app_version, domainPower`,
      )
      .all() as VersionTiming[];
  }

  failureCodes(): VersionFailureCode[] {
    return this.db
      .prepare(
        `SELECT r.channel AS channel, r.app_version AS version, f.key AS code, SUM(f.value) AS count
         FROM reports r, json_each(r.body, '$.failed') f
         GROUP BY r.channel, r.app_version, f.key ORDER BY count DESC`,
      )
      .all() as VersionFailureCode[];
  }

  close(): void {
    this.db.close();
  }
}
