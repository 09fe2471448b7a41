// Beta feedback goes through an outbox in the data directory: written to disk first, then sent
// by HTTP POST with retries and backoff. A send that fails stays in the outbox and is tried
// again at the next start, so nothing the user wrote is lost. Each item carries its id as an
// Idempotency-Key, so a send whose response was lost and is repeated is not a duplicate.
// Health reports (main/services/health) wait in the same outbox, in its health/ folder, and are
// delivered the same way to their own endpoint.
import { chmod, copyFile, mkdir, readFile, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ZkError } from '../../../common/errors.js';
import { writeFileAtomic } from '../files/atomicWrite.js';
import { sha256 } from './manifestBuilder.js';
import type { Redactor } from './redact.js';
import { healthReportSchema, type HealthReport } from '../../../common/health/healthReportSchema.js';

export interface FeedbackItem {
  id: string;
  createdAt: string;
  message: string;
  installId: string | null;
  appVersion: string;
  channel: string;
  bundle: { file: string; bytes: number; sha256: string } | null;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
}

/** A health report waiting to be sent; the report itself is what is posted. */
export interface HealthReportItem {
  id: string;
  createdAt: string;
  report: HealthReport;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
}

type OutboxItem = FeedbackItem | HealthReportItem;

export interface NewFeedback {
  message: string;
  installId: string | null;
  appVersion: string;
  channel: string;
  /** A diagnostics bundle to attach: copied into the outbox, so it survives until sent. */
  bundlePath?: string;
}

export interface SendOptions {
  /** Tries per item in this run, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Stops between tries (a host shutting down); what is not sent stays in the outbox. */
  signal?: AbortSignal;
  /** Sent with each POST: the endpoint's Authorization, kept apart from settings (settings/feedbackCredentials.ts). */
  headers?: Record<string, string>;
}

export interface SendReport {
  sent: string[];
  kept: { id: string; error: string }[];
}

export interface FeedbackOutboxOptions {
  dataDir: string;
  redactor: Redactor;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Waits between tries; ends early when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const MAX_MESSAGE_CHARS = 20_000;

export class FeedbackOutbox {
  readonly dir: string;
  /** Health reports, apart from feedback so neither is sent to the other's endpoint. */
  readonly reportsDir: string;
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** One send at a time in this process: the start-up retry and the form's send would post the same item twice. */
  private sending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: FeedbackOutboxOptions) {
    this.dir = path.join(options.dataDir, 'outbox');
    this.reportsDir = path.join(this.dir, 'health');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** Writes the item to disk; only then may it be sent. The message is redacted like everything that leaves. */
  async enqueue(feedback: NewFeedback): Promise<FeedbackItem> {
    const message = feedback.message.trim();
    if (!message) throw new ZkError('E_INPUT_INVALID', 'Feedback needs a message.');
    if (message.length > MAX_MESSAGE_CHARS) throw new ZkError('E_INPUT_INVALID', `Feedback is limited to ${MAX_MESSAGE_CHARS} characters.`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    let bundle: FeedbackItem['bundle'] = null;
    if (feedback.bundlePath) {
      const file = `${id}.zip`;
      const target = path.join(this.dir, file);
      try {
        await copyFile(feedback.bundlePath, target);
        // A copy keeps its source's mode; the outbox's files are the user's alone whatever the source.
        await chmod(target, 0o600);
      } catch (error) {
        await unlink(target).catch(() => undefined);
        throw ZkError.wrap(error, (error as { code?: string }).code === 'ENOSPC' ? 'E_DISK_FULL' : 'E_IO');
      }
      const content = await readFile(target);
      bundle = { file, bytes: content.length, sha256: sha256(content) };
    }
    const item: FeedbackItem = {
      id,
      createdAt: this.now().toISOString(),
      message: this.options.redactor.text(message),
      installId: feedback.installId,
      appVersion: feedback.appVersion,
      channel: feedback.channel,
      bundle,
      attempts: 0,
      lastError: null,
      lastAttemptAt: null,
    };
    await this.save(item);
    return item;
  }

  /** Oldest first. A file that does not parse is left where it is for a person to look at. */
  async pending(): Promise<FeedbackItem[]> {
    return readItems<FeedbackItem>(this.dir);
  }

  /**
   * Everything waiting to be sent, as one file a tester can save and hand over another way (no
   * feedback address, or it does not answer). The messages as they would be sent, redacted;
   * attachments are named, not included: they go in the next bundle's place.
   */
  async asFile(): Promise<{ name: string; text: string; count: number }> {
    const items = await this.pending();
    const document = { format: 'zkdesk-feedback', savedAt: this.now().toISOString(), messages: items.map((item) => this.options.redactor.value(outboxEntry(item))) };
    return { name: feedbackFileName(this.now()), text: `${JSON.stringify(document, null, 2)}\n`, count: items.length };
  }

  /**
   * Queues a health report. It is parsed by the strict schema here, at the door: a report with
   * a field the schema does not name never reaches the disk, let alone the network.
   */
  async enqueueReport(report: HealthReport): Promise<HealthReportItem> {
    const parsed = healthReportSchema.safeParse(report);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ZkError('E_INPUT_INVALID', 'A health report did not match its schema and was not queued.', {
        field: issue?.path.join('.'),
        issue: issue?.message,
      });
    }
    // Defence in depth: the same redaction as everything else that leaves must find nothing to
    // take out. The two ids are random and ours, and the redactor would mark any UUID.
    const { id: _id, reportId: _reportId, ...rest } = parsed.data;
    if (JSON.stringify(this.options.redactor.value(rest)) !== JSON.stringify(rest)) {
      throw new ZkError('E_INPUT_INVALID', 'A health report held something private and was not queued.');
    }
    const item: HealthReportItem = { id: parsed.data.id, createdAt: this.now().toISOString(), report: parsed.data, attempts: 0, lastError: null, lastAttemptAt: null };
    await this.save(item);
    return item;
  }

  async pendingReports(): Promise<HealthReportItem[]> {
    return readItems<HealthReportItem>(this.reportsDir);
  }

  /** Drops every queued health report (the user turned reports off); returns how many. */
  async discardReports(): Promise<number> {
    const items = await this.pendingReports();
    for (const item of items) await this.remove(item);
    return items.length;
  }

  /** Sends every queued health report, as sendAll does feedback. */
  async sendReports(endpoint: string, options: SendOptions = {}): Promise<SendReport> {
    const run = this.sending.then(async () => this.sendEach(await this.pendingReports(), endpoint, options));
    this.sending = run.catch(() => undefined);
    return run;
  }

  /** Sends every pending item. Retries network failures, 408, 429 and 5xx with backoff; keeps what fails. */
  async sendAll(endpoint: string, options: SendOptions = {}): Promise<SendReport> {
    const run = this.sending.then(async () => this.sendEach(await this.pending(), endpoint, options));
    this.sending = run.catch(() => undefined);
    return run;
  }

  private async sendEach(items: OutboxItem[], endpoint: string, options: SendOptions): Promise<SendReport> {
    const report: SendReport = { sent: [], kept: [] };
    for (const item of items) {
      if (options.signal?.aborted) {
        report.kept.push({ id: item.id, error: 'stopped before it was sent' });
        continue;
      }
      const error = await this.sendOne(endpoint, item, options);
      if (error === null) report.sent.push(item.id);
      else report.kept.push({ id: item.id, error });
    }
    return report;
  }

  private async bodyOf(item: OutboxItem): Promise<string> {
    if ('report' in item) return JSON.stringify(item.report);
    const bundle = item.bundle ? await readFile(path.join(this.dir, item.bundle.file)) : null;
    return JSON.stringify({
      id: item.id,
      createdAt: item.createdAt,
      installId: item.installId,
      appVersion: item.appVersion,
      channel: item.channel,
      message: item.message,
      bundle: item.bundle && bundle ? { name: 'diagnostics.zip', bytes: item.bundle.bytes, sha256: item.bundle.sha256, base64: bundle.toString('base64') } : null,
    });
  }

  private async sendOne(endpoint: string, item: OutboxItem, options: SendOptions): Promise<string | null> {
    const tries = options.attempts ?? 4;
    const base = options.baseDelayMs ?? 500;
    let body: string;
    try {
      body = await this.bodyOf(item);
    } catch (error) {
      return this.record(item, `attachment unreadable: ${(error as Error).message}`);
    }
    let lastError = '';
    for (let attempt = 0; attempt < tries; attempt++) {
      if (attempt > 0) await this.sleep(base * 2 ** (attempt - 1), options.signal);
      if (options.signal?.aborted) break;
      let retry = true;
      try {
        const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
        const response = await this.fetch(endpoint, {
          method: 'POST',
          headers: { ...options.headers, 'content-type': 'application/json', 'idempotency-key': item.id },
          body,
          signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
        });
        if (response.ok && ('report' in item ? await receiverConfirms(response, item.id) : true)) {
          await this.remove(item);
          return null;
        }
        if (response.ok) {
          // A health report goes by default to the update server, which may be a static host
          // that answers 200 to anything: only the receiver's own answer naming this report
          // counts as delivered; anything else keeps it for the next try.
          lastError = `HTTP ${response.status}, but not a health report receiver's answer`;
          retry = false;
        } else {
          lastError = `HTTP ${response.status}`;
          retry = response.status === 408 || response.status === 429 || response.status >= 500;
        }
      } catch (error) {
        lastError = this.options.redactor.text(error instanceof Error ? `${error.message}${causeOf(error)}` : String(error));
      }
      item.attempts++;
      if (!retry) break;
    }
    return this.record(item, lastError);
  }

  private async record(item: OutboxItem, error: string): Promise<string> {
    item.lastError = error;
    item.lastAttemptAt = this.now().toISOString();
    await this.save(item).catch(() => undefined);
    return error;
  }

  private fileOf(item: OutboxItem): string {
    return path.join('report' in item ? this.reportsDir : this.dir, `${item.id}.json`);
  }

  private async save(item: OutboxItem): Promise<void> {
    await writeFileAtomic(this.fileOf(item), `${JSON.stringify(item, null, 2)}\n`);
  }

  private async remove(item: OutboxItem): Promise<void> {
    await unlink(this.fileOf(item)).catch(() => undefined);
    if ('bundle' in item && item.bundle) await unlink(path.join(this.dir, item.bundle.file)).catch(() => undefined);
  }
}

/** A queued message as a bundle or the saved feedback file shows it: the words and when, not the attachment's bytes. */
export function outboxEntry(item: FeedbackItem): Record<string, unknown> {
  // No id: it is a random UUID the redactor would mask anyway, and names nothing support needs.
  return {
    createdAt: item.createdAt,
    appVersion: item.appVersion,
    channel: item.channel,
    message: item.message,
    attachedBundle: item.bundle ? { bytes: item.bundle.bytes, sha256: item.bundle.sha256 } : null,
    attempts: item.attempts,
    lastError: item.lastError,
  };
}

/** `zkdesk-feedback-20261204T181023Z.json`: named like a bundle, by the UTC moment it was saved. */
export function feedbackFileName(savedAt: Date): string {
  return `zkdesk-feedback-${savedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.json`;
}

/** Oldest first. A file that does not parse is left where it is for a person to look at. */
async function readItems<T extends { createdAt: string }>(dir: string): Promise<T[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const items: T[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      items.push(JSON.parse(await readFile(path.join(dir, name), 'utf8')) as T);
    } catch {
      // unreadable: kept on disk, not sent
    }
  }
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/** The receiver's answer (release collect: `{ "ok": true, "id": … }`) names the report it stored. */
async function receiverConfirms(response: Response, id: string): Promise<boolean> {
  try {
    const body = (await response.json()) as unknown;
    return typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true && (body as { id?: unknown }).id === id;
  } catch {
    return false;
  }
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}
