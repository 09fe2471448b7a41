// Health reports from this install: on start and after proofs, the counts since the last report
// are read from the job history, checked by the strict schema and queued in the outbox, then
// sent to the report address: the user's own (Settings), else the one that comes with the update
// feed (healthEndpoint.ts), else none and they wait. Only when the user said yes (`healthReports: on`); a beta tester
// is asked once, a stable install is off unless turned on (renderer/src/features/health).
//
// health/state.json keeps the random report id (the user can reset it) and the cursor: the
// last job counted. The report is queued before the cursor moves, so a crash between the two
// counts those jobs again rather than never. Counting starts when reports are first turned on.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomicWrite.js';
import type { FeedbackOutbox, SendReport } from '../diagnostics/feedbackOutbox.js';
import type { JobRecord } from '../../../common/prover/proverTypes.js';
import { advanceCursor, countRecords, emptyCursor, recordsAfter, type HealthCursor } from './healthReportBuilder.js';
import { HEALTH_REPORT_SCHEMA, healthReportSchema, type HealthReport } from '../../../common/health/healthReportSchema.js';
import { chooseHealthEndpoint, type HealthEndpoint, type HealthEndpointSource } from './healthEndpoint.js';

const stateSchema = z.object({
  reportId: z.uuid(),
  cursor: z.object({ finishedAt: z.string().nullable(), jobIds: z.array(z.string()) }),
});
type HealthState = z.infer<typeof stateSchema>;

export interface HealthReporterOptions {
  dataDir: string;
  outbox: FeedbackOutbox;
  /** The job history to count (JobHistory.read). */
  history: () => Promise<JobRecord[]>;
  appVersion: string;
  platform?: NodeJS.Platform;
  arch?: string;
  /** The current consent, channel and endpoint (from settings, read at each report). */
  settings: () => { healthReports: 'ask' | 'on' | 'off'; updateChannel: 'stable' | 'beta'; healthEndpoint: string | null };
  /** The report address that comes with the update feed (healthEndpointForFeed); used when the user set none. */
  feedEndpoint?: string | null;
  now?: () => Date;
  /** After a proof, at most one report per this many ms; the rest wait for the next. */
  minProofIntervalMs?: number;
}

export interface HealthStatus {
  enabled: boolean;
  /** null until reports are first turned on. */
  reportId: string | null;
  queued: number;
  /** Where reports go now: the user's address, else the update feed's; null: they wait on this machine. */
  endpoint: string | null;
  endpointSource: HealthEndpointSource | null;
}

export class HealthReporter {
  readonly stateFile: string;
  private readonly now: () => Date;
  private chain: Promise<unknown> = Promise.resolve();
  private lastProofReportAt = 0;

  constructor(private readonly options: HealthReporterOptions) {
    this.stateFile = path.join(options.dataDir, 'health', 'state.json');
    this.now = options.now ?? (() => new Date());
  }

  enabled(): boolean {
    return this.options.settings().healthReports === 'on';
  }

  /** Where reports go now, and who chose it. */
  endpoint(): HealthEndpoint {
    return chooseHealthEndpoint(this.options.settings().healthEndpoint, this.options.feedEndpoint ?? null);
  }

  async status(): Promise<HealthStatus> {
    const state = await this.readState();
    const endpoint = this.endpoint();
    return {
      enabled: this.enabled(),
      reportId: state?.reportId ?? null,
      queued: (await this.options.outbox.pendingReports()).length,
      endpoint: endpoint.url,
      endpointSource: endpoint.source,
    };
  }

  /**
   * The report that would be sent now, without queuing it or moving the cursor: what Settings
   * and `zkdesk health show` display, so the user sees exactly what leaves.
   */
  async preview(reason: HealthReport['reason'] = 'start'): Promise<HealthReport> {
    const history = await this.options.history();
    const state = (await this.readState()) ?? { reportId: randomUUID(), cursor: advanceCursor(emptyCursor, history) };
    return this.build(state, recordsAfter(history, state.cursor), reason);
  }

  /** The app started: one report, even with nothing new, so the receiver knows this install runs the version. */
  reportAtStart(): Promise<HealthReport | null> {
    return this.serial(() => this.queue('start'));
  }

  /** A proof finished: a report, unless one went out less than minProofIntervalMs ago. */
  reportAfterProof(): Promise<HealthReport | null> {
    return this.serial(async () => {
      const at = this.now().getTime();
      if (at - this.lastProofReportAt < (this.options.minProofIntervalMs ?? 60_000)) return null;
      const report = await this.queue('proof');
      if (report) this.lastProofReportAt = at;
      return report;
    });
  }

  /** Sends what is queued; without an address (the user's or the feed's) it stays queued. */
  async send(options: { signal?: AbortSignal; attempts?: number } = {}): Promise<SendReport> {
    const endpoint = this.endpoint().url;
    if (!endpoint || !this.enabled()) return { sent: [], kept: (await this.options.outbox.pendingReports()).map((p) => ({ id: p.id, error: 'not sent: no endpoint, or reports are off' })) };
    return this.options.outbox.sendReports(endpoint, options);
  }

  /** A new random report id: reports from now on cannot be linked to the earlier ones. */
  async resetReportId(): Promise<string> {
    return this.serial(async () => {
      const state = (await this.readState()) ?? { reportId: randomUUID(), cursor: advanceCursor(emptyCursor, await this.options.history()) };
      const next = { ...state, reportId: randomUUID() };
      await this.writeState(next);
      return next.reportId;
    });
  }

  /** Turned off: what waits in the outbox is dropped, never sent later. */
  async discardQueued(): Promise<number> {
    return this.options.outbox.discardReports();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async queue(reason: HealthReport['reason']): Promise<HealthReport | null> {
    if (!this.enabled()) return null;
    const history = await this.options.history();
    // The first report counts from the moment reports were turned on: proofs made before the
    // user agreed are not shared.
    const state = (await this.readState()) ?? { reportId: randomUUID(), cursor: advanceCursor(emptyCursor, history) };
    const records = recordsAfter(history, state.cursor);
    if (reason === 'proof' && records.length === 0) return null;
    const report = this.build(state, records, reason);
    await this.options.outbox.enqueueReport(report);
    await this.writeState({ reportId: state.reportId, cursor: advanceCursor(state.cursor, records) });
    return report;
  }

  private build(state: HealthState, records: JobRecord[], reason: HealthReport['reason']): HealthReport {
    const counts = countRecords(records);
    return healthReportSchema.parse({
      schema: HEALTH_REPORT_SCHEMA,
      id: randomUUID(),
      reportId: state.reportId,
      createdAt: this.now().toISOString(),
      reason,
      appVersion: this.options.appVersion,
      channel: this.options.settings().updateChannel,
      platform: this.options.platform ?? process.platform,
      arch: this.options.arch ?? process.arch,
      ...counts,
    });
  }

  private async readState(): Promise<HealthState | null> {
    try {
      const parsed = stateSchema.safeParse(JSON.parse(await readFile(this.stateFile, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private async writeState(state: HealthState): Promise<void> {
    await writeFileAtomic(this.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  }
}

export type { HealthCursor };
