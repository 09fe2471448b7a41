// Gathers what a diagnostics bundle may contain, already redacted, in memory. The preview and
// the writer both work from this plan, so what the user is shown is byte for byte what leaves
// the machine.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BundleSources, ProvidedSectionId } from './bundleSources.js';
import { sectionTitles, type SectionId } from '../../../common/diagnostics/bundleManifest.js';
import type { Redactor } from './redact.js';
import { listCrashReports, crashesDir } from './crashRecords.js';
import { isLogFileName } from './rotatingLogFile.js';
import { JobHistory } from '../prover/jobHistory.js';
import { FeedbackOutbox, outboxEntry } from './feedbackOutbox.js';

export interface PlannedFile {
  path: string;
  section: SectionId;
  content: Buffer;
  /** When the data was written: the size cap keeps the newest first. */
  mtimeMs: number;
  /** JSON lines, oldest first: the size cap may keep only the newest lines. */
  lineBased: boolean;
  binary: boolean;
}

export interface PlannedSection {
  id: SectionId;
  title: string;
  files: PlannedFile[];
  /** Set when there is nothing to include and why (no provider, provider failed, no data). */
  unavailable?: string;
  /** Sections the user must ask for: crash dumps, which cannot be redacted. */
  optIn?: string;
}

export interface BundlePlan {
  createdAt: string;
  sinceDays: number | null;
  sections: PlannedSection[];
}

export interface PlanOptions {
  dataDir: string;
  sources: BundleSources;
  redactor: Redactor;
  now?: () => Date;
  /** Only data written in the last N days; null for everything there is. */
  sinceDays?: number | null;
}

const providedFiles: Record<ProvidedSectionId, string> = {
  profile: 'profile.json',
  calibration: 'calibration.json',
  warnings: 'warnings.json',
  updateState: 'update-state.json',
};

const CRASH_DUMPS_OPT_IN =
  'minidumps hold raw process memory that cannot be redacted; include them only when support asks for them';

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

/** A JSON document stays a readable JSON document; anything else is redacted as text. */
function redactDocument(text: string, redactor: Redactor): Buffer {
  try {
    return json(redactor.value(JSON.parse(text)));
  } catch {
    return Buffer.from(redactor.text(text));
  }
}

async function filesIn(dir: string, accept: (name: string) => boolean): Promise<{ file: string; name: string; mtimeMs: number }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: { file: string; name: string; mtimeMs: number }[] = [];
  for (const name of names.filter(accept)) {
    const file = path.join(dir, name);
    try {
      const info = await stat(file);
      if (info.isFile()) out.push({ file, name, mtimeMs: info.mtimeMs });
    } catch {
      // removed while we looked: nothing to include
    }
  }
  return out.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

export async function planBundle(options: PlanOptions): Promise<BundlePlan> {
  const now = (options.now ?? (() => new Date()))();
  const sinceDays = options.sinceDays ?? null;
  const sinceMs = sinceDays === null ? -Infinity : now.getTime() - sinceDays * 86_400_000;
  const { redactor, dataDir } = options;
  const sections: PlannedSection[] = [];

  for (const id of Object.keys(providedFiles) as ProvidedSectionId[]) {
    const provider = options.sources[id];
    const section: PlannedSection = { id, title: sectionTitles[id], files: [] };
    if (!provider) {
      section.unavailable = 'not available in this host';
    } else {
      try {
        const value = await provider.call(options.sources);
        if (value === undefined || value === null) section.unavailable = 'no data yet';
        else section.files.push({ path: providedFiles[id], section: id, content: json(redactor.value(value)), mtimeMs: now.getTime(), lineBased: false, binary: false });
      } catch (error) {
        section.unavailable = `failed: ${redactor.text(error instanceof Error ? error.message : String(error))}`;
      }
    }
    sections.push(section);
  }

  sections.push(await planSettings(dataDir, redactor));
  sections.push(await planFeedback(dataDir, redactor));
  sections.push(await planJobs(dataDir, redactor, sinceMs));
  const crashes = await planCrashes(dataDir, redactor, sinceMs);
  sections.push(crashes.records);
  sections.push(await planFolder(dataDir, redactor, sinceMs, logsFolder));
  sections.push(await planFolder(dataDir, redactor, sinceMs, benchFolder));
  sections.push(crashes.dumps);

  return { createdAt: now.toISOString(), sinceDays, sections };
}

async function planSettings(dataDir: string, redactor: Redactor): Promise<PlannedSection> {
  const section: PlannedSection = { id: 'settings', title: sectionTitles.settings, files: [] };
  const file = path.join(dataDir, 'settings.json');
  let text: string;
  let mtimeMs: number;
  try {
    [text, mtimeMs] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtimeMs)]);
  } catch {
    section.unavailable = 'no settings file';
    return section;
  }
  // A damaged settings file is exactly what support wants to see: redacted as text if it is not JSON.
  const content = redactDocument(text, redactor);
  section.files.push({ path: 'settings.json', section: 'settings', content, mtimeMs, lineBased: false, binary: false });
  return section;
}

/**
 * Feedback still in the outbox (no address set, or it did not answer): the bundle carries it, so
 * a tester without an address loses nothing. Every message, whatever its age, since none was
 * delivered; an attached bundle is named, not nested (the bundle being written is newer).
 */
async function planFeedback(dataDir: string, redactor: Redactor): Promise<PlannedSection> {
  const section: PlannedSection = { id: 'feedback', title: sectionTitles.feedback, files: [] };
  const items = await new FeedbackOutbox({ dataDir, redactor }).pending();
  if (items.length === 0) {
    section.unavailable = 'no feedback waiting';
    return section;
  }
  for (const [index, item] of items.entries()) {
    const mtimeMs = Date.parse(item.createdAt);
    // Redacted when queued; again here, for items an older version queued. Numbered oldest first.
    section.files.push({ path: `feedback/message-${index + 1}.json`, section: 'feedback', content: json(redactor.value(outboxEntry(item))), mtimeMs: Number.isFinite(mtimeMs) ? mtimeMs : Date.now(), lineBased: false, binary: false });
  }
  return section;
}

async function planJobs(dataDir: string, redactor: Redactor, sinceMs: number): Promise<PlannedSection> {
  const section: PlannedSection = { id: 'jobs', title: sectionTitles.jobs, files: [] };
  const records = await new JobHistory(dataDir).read();
  if (records.length === 0) {
    section.unavailable = 'no job history';
    return section;
  }
  const lines = records
    .filter((record) => {
      const finished = Date.parse(record.finishedAt);
      return !(Number.isFinite(finished) && finished < sinceMs);
    })
    .map((record) => JSON.stringify(redactor.value(record)));
  if (lines.length === 0) {
    section.unavailable = 'no jobs in this period';
    return section;
  }
  section.files.push({ path: 'jobs/history.jsonl', section: 'jobs', content: Buffer.from(`${lines.join('\n')}\n`), mtimeMs: Date.now(), lineBased: true, binary: false });
  return section;
}

async function planCrashes(dataDir: string, redactor: Redactor, sinceMs: number): Promise<{ records: PlannedSection; dumps: PlannedSection }> {
  const records: PlannedSection = { id: 'crashes', title: sectionTitles.crashes, files: [] };
  const dumps: PlannedSection = { id: 'crashDumps', title: sectionTitles.crashDumps, files: [], optIn: CRASH_DUMPS_OPT_IN };
  const entries = (await listCrashReports(dataDir)).filter((e) => Date.parse(e.at) >= sinceMs);
  if (entries.length === 0) {
    records.unavailable = 'no crash reports';
    dumps.unavailable = 'no crash dumps';
    return { records, dumps };
  }
  const root = crashesDir(dataDir);
  records.files.push({ path: 'crashes/index.json', section: 'crashes', content: json(entries), mtimeMs: Infinity, lineBased: false, binary: false });
  for (const entry of entries) {
    let content: Buffer;
    try {
      content = await readFile(path.join(root, ...entry.file.split('/')));
    } catch {
      continue;
    }
    const mtimeMs = Date.parse(entry.at);
    if (entry.type === 'record') {
      records.files.push({ path: `crashes/${entry.file}`, section: 'crashes', content: redactDocument(content.toString('utf8'), redactor), mtimeMs, lineBased: false, binary: false });
    } else {
      dumps.files.push({ path: `crashes/dumps/${entry.file}`, section: 'crashDumps', content, mtimeMs, lineBased: false, binary: true });
    }
  }
  if (dumps.files.length === 0) dumps.unavailable = 'no crash dumps';
  return { records, dumps };
}

/** A data-directory folder whose recent files go into one section, each redacted its own way. */
interface FolderSpec {
  id: 'logs' | 'bench';
  accept(name: string): boolean;
  /** The redacted file, or null when nothing is left of it. */
  render(text: string, redactor: Redactor): { content: Buffer; lineBased: boolean } | null;
  empty: string;
}

const logsFolder: FolderSpec = {
  id: 'logs',
  accept: (n) => isLogFileName(n) || n.endsWith('.jsonl'),
  // Logs were redacted when written; this second pass covers files from older versions
  // and anything a newer rule knows about.
  render: (text, redactor) => {
    const lines = text.split('\n').filter((l) => l.trim()).map((l) => redactor.jsonLine(l));
    return lines.length === 0 ? null : { content: Buffer.from(`${lines.join('\n')}\n`), lineBased: true };
  },
  empty: 'no logs in this period',
};

const benchFolder: FolderSpec = {
  id: 'bench',
  accept: (n) => n.endsWith('.json'),
  render: (text, redactor) => ({ content: redactDocument(text, redactor), lineBased: false }),
  empty: 'no benchmark results in this period',
};

async function planFolder(dataDir: string, redactor: Redactor, sinceMs: number, spec: FolderSpec): Promise<PlannedSection> {
  const section: PlannedSection = { id: spec.id, title: sectionTitles[spec.id], files: [] };
  const files = (await filesIn(path.join(dataDir, spec.id), spec.accept)).filter((f) => f.mtimeMs >= sinceMs);
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f.file, 'utf8');
    } catch {
      continue;
    }
    const rendered = spec.render(text, redactor);
    if (rendered) section.files.push({ path: `${spec.id}/${f.name}`, section: spec.id, ...rendered, mtimeMs: f.mtimeMs, binary: false });
  }
  if (section.files.length === 0) section.unavailable = spec.empty;
  return section;
}
