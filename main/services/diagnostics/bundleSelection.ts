// Decides what of a plan goes into the bundle: the sections the user kept, under the size cap,
// the most useful and newest data first. Over the cap, a bundle is cut, never refused, and
// every cut is listed for the manifest. The preview shows this selection; the writer writes it.
import { MANIFEST_PATH, type ManifestCut, type ManifestSection, type SectionId } from '../../../common/diagnostics/bundleManifest.js';
import { buildManifest, manifestText, type ManifestMeta } from './manifestBuilder.js';
import type { BundlePlan, PlannedFile } from './bundlePlan.js';
import type { BundlePreview } from '../../../common/diagnostics/bundleViews.js';

export interface SelectionOptions {
  sizeCapBytes: number;
  /** Sections the user left out. */
  exclude?: SectionId[];
  /** Opt-in sections the user asked for (crash dumps). */
  include?: SectionId[];
}

export interface SelectedFile {
  path: string;
  section: SectionId;
  content: Buffer;
  binary: boolean;
}

export interface BundleSelection {
  files: SelectedFile[];
  sections: ManifestSection[];
  cut: ManifestCut[];
  /** Content bytes, before compression. */
  contentBytes: number;
  sizeCapBytes: number;
}

export const DEFAULT_SIZE_CAP_BYTES = 25 * 1024 * 1024;

/**
 * Small, dense, always wanted first; bulky history after, newest first within each. Feedback the
 * tester wrote and could not send comes before all: it is their words, and a few KB.
 */
const PRIORITY: SectionId[] = ['feedback', 'settings', 'profile', 'warnings', 'calibration', 'updateState', 'crashes', 'jobs', 'logs', 'bench', 'crashDumps'];

/**
 * What an entry costs in the zip beyond its content, with room to spare: local header, data
 * descriptor and central directory entry (each with yazl's timestamp and ZIP64 extra fields),
 * the name twice, and deflate's worst case on incompressible data (stored blocks).
 */
function zipCost(path: string, bytes: number): number {
  return 200 + 2 * Buffer.byteLength(path) + Math.ceil(bytes / 16_384) * 5 + 16;
}

/** A file's line in manifest.json (path, section, size, sha256, indented): counted with the file. */
function manifestLineCost(path: string): number {
  return 180 + Buffer.byteLength(path);
}

/** A cut's line in manifest.json. */
function cutCost(cut: ManifestCut): number {
  return 200 + Buffer.byteLength(cut.path) + Buffer.byteLength(cut.reason);
}

function overhead(file: { path: string }, bytes: number): number {
  return zipCost(file.path, bytes) + manifestLineCost(file.path);
}

/** The manifest's fixed part and its sections, the zip's end records: reserved before any file. */
const BASE_OVERHEAD = 8 * 1024;
/** The longest header fields the manifest can have (version, channel, install id, dates), for sizing before they are known. */
const WIDEST_META: ManifestMeta = { app: { version: 'v'.repeat(64), channel: 'c'.repeat(32) }, installId: 'i'.repeat(36), createdAt: '0000-00-00T00:00:00.000Z', sinceDays: 36500 };
const END_RECORDS = 128;

function tailLines(content: Buffer, budget: number): { kept: Buffer; keptLines: number; totalLines: number } {
  const lines = content.toString('utf8').split('\n').filter(Boolean);
  const kept: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const size = Buffer.byteLength(lines[i] ?? '') + 1;
    if (used + size > budget) break;
    kept.unshift(lines[i] ?? '');
    used += size;
  }
  return { kept: Buffer.from(kept.length ? `${kept.join('\n')}\n` : ''), keptLines: kept.length, totalLines: lines.length };
}

interface SectionPlanState {
  id: SectionId;
  title: string;
  /** Why it has no files at all: unavailable, left out, opt-in. Null for a section that was selected from. */
  absent: string | null;
}

export function selectForBundle(plan: BundlePlan, options: SelectionOptions): BundleSelection {
  const exclude = new Set(options.exclude ?? []);
  const include = new Set(options.include ?? []);
  let budget = options.sizeCapBytes - BASE_OVERHEAD;
  const files: SelectedFile[] = [];
  const cut: ManifestCut[] = [];
  const states: SectionPlanState[] = [];

  const ordered = [...plan.sections].sort((a, b) => PRIORITY.indexOf(a.id) - PRIORITY.indexOf(b.id));
  for (const section of ordered) {
    const state: SectionPlanState = { id: section.id, title: section.title, absent: null };
    states.push(state);
    if (section.files.length === 0) state.absent = section.unavailable ?? 'no data';
    else if (exclude.has(section.id)) state.absent = 'left out by the user';
    else if (section.optIn && !include.has(section.id)) state.absent = `not included by default: ${section.optIn}`;
    if (state.absent !== null) continue;

    const newestFirst = [...section.files].sort((a: PlannedFile, b: PlannedFile) => b.mtimeMs - a.mtimeMs);
    for (const file of newestFirst) {
      const size = file.content.length;
      const cost = size + overhead(file, size);
      if (cost <= budget) {
        files.push({ path: file.path, section: file.section, content: file.content, binary: file.binary });
        budget -= cost;
        continue;
      }
      const leftOut: ManifestCut = { path: file.path, section: file.section, reason: 'size cap: left out', originalBytes: size, keptBytes: 0 };
      // The cut's own line in the manifest is paid for first: the list of what was cut counts too.
      const room = budget - overhead(file, size) - cutCost({ ...leftOut, reason: 'size cap: kept the newest 1000000 of 1000000 lines' });
      if (file.lineBased && room > 0) {
        const { kept, keptLines, totalLines } = tailLines(file.content, room);
        if (keptLines > 0) {
          const partial: ManifestCut = { ...leftOut, reason: `size cap: kept the newest ${keptLines} of ${totalLines} lines`, keptBytes: kept.length };
          files.push({ path: file.path, section: file.section, content: kept, binary: false });
          budget -= kept.length + overhead(file, kept.length) + cutCost(partial);
          cut.push(partial);
          continue;
        }
      }
      budget -= cutCost(leftOut);
      cut.push(leftOut);
    }
  }
  return fitManifest({ files, cut, states, plan, sizeCapBytes: options.sizeCapBytes });
}

/** The zip's size, from above: every entry, the manifest as it will be written, the end records. */
function zipBytesAtMost(files: SelectedFile[], sections: ManifestSection[], cut: ManifestCut[], sizeCapBytes: number): number {
  const manifest = Buffer.byteLength(manifestText(buildManifest(WIDEST_META, { files, sections, cut, sizeCapBytes })));
  const entries = files.reduce((n, f) => n + f.content.length + zipCost(f.path, f.content.length), 0);
  return entries + manifest + zipCost(MANIFEST_PATH, manifest) + END_RECORDS;
}

/**
 * Makes sure the bundle fits with its manifest counted exactly: where thousands of small files
 * were cut, their list is summarised one line per section; where it still does not fit, the
 * least wanted files go (the last selected: lowest priority, oldest).
 */
function fitManifest(input: { files: SelectedFile[]; cut: ManifestCut[]; states: SectionPlanState[]; plan: BundlePlan; sizeCapBytes: number }): BundleSelection {
  const files = [...input.files];
  let cut = [...input.cut];
  const cap = input.sizeCapBytes;
  for (;;) {
    const sections = sectionsOf(input.states, files, cut, input.plan);
    if (zipBytesAtMost(files, sections, cut, cap) <= cap) {
      return { files, sections, cut, contentBytes: files.reduce((n, f) => n + f.content.length, 0), sizeCapBytes: cap };
    }
    const collapsible = mostListedLeftOut(cut);
    if (collapsible) {
      cut = summarise(cut, collapsible);
      continue;
    }
    const dropped = files.pop();
    if (!dropped) return { files, sections, cut, contentBytes: 0, sizeCapBytes: cap };
    const original = input.plan.sections.flatMap((s) => s.files).find((f) => f.path === dropped.path);
    cut = cut.filter((c) => c.path !== dropped.path);
    cut.push({ path: dropped.path, section: dropped.section, reason: 'size cap: left out', originalBytes: original?.content.length ?? dropped.content.length, keptBytes: 0 });
  }
}

const SUMMARY_REASON = /^size cap: left out (\d+) files$/;

function isLeftOut(c: ManifestCut): boolean {
  return c.keptBytes === 0 && !SUMMARY_REASON.test(c.reason);
}

/** The section with the most files listed one by one as left out (two or more), if any. */
function mostListedLeftOut(cut: ManifestCut[]): SectionId | null {
  const counts = new Map<SectionId, number>();
  for (const c of cut) {
    if (isLeftOut(c)) counts.set(c.section, (counts.get(c.section) ?? 0) + 1);
    // A section summarised already takes in each file dropped after it.
    else if (SUMMARY_REASON.test(c.reason)) counts.set(c.section, (counts.get(c.section) ?? 0) + 1);
  }
  let best: SectionId | null = null;
  for (const [section, n] of counts) if (n >= 2 && (best === null || n > (counts.get(best) ?? 0))) best = section;
  return best;
}

/** Replaces a section's left-out files by one line: "<folder>/" with how many and how much. */
function summarise(cut: ManifestCut[], section: SectionId): ManifestCut[] {
  const gone = cut.filter((c) => c.section === section && c.keptBytes === 0);
  const folder = commonFolder(gone.map((c) => c.path));
  const count = gone.reduce((n, c) => n + Number(SUMMARY_REASON.exec(c.reason)?.[1] ?? 1), 0);
  const summary: ManifestCut = {
    path: folder,
    section,
    reason: `size cap: left out ${count} files`,
    originalBytes: gone.reduce((n, c) => n + c.originalBytes, 0),
    keptBytes: 0,
  };
  return [...cut.filter((c) => !gone.includes(c)), summary];
}

function commonFolder(paths: string[]): string {
  const parts = paths.map((p) => (p.endsWith('/') ? p.slice(0, -1).split('/') : p.split('/').slice(0, -1)));
  const first = parts[0] ?? [];
  let n = first.length;
  for (const p of parts) {
    let i = 0;
    while (i < n && p[i] === first[i]) i++;
    n = i;
  }
  return `${first.slice(0, n).join('/')}/`;
}

/** Each section's line in the manifest, from what was finally selected and cut. */
function sectionsOf(states: SectionPlanState[], files: SelectedFile[], cut: ManifestCut[], plan: BundlePlan): ManifestSection[] {
  const sections = states.map((state): ManifestSection => {
    const base = { id: state.id, title: state.title };
    if (state.absent !== null) return { ...base, included: false, reason: state.absent, files: 0, bytes: 0 };
    const mine = files.filter((f) => f.section === state.id);
    const count = mine.length;
    const wasCut = cut.some((c) => c.section === state.id);
    return {
      ...base,
      included: count > 0,
      ...(wasCut ? { reason: count > 0 ? 'cut to fit the size cap; the newest data was kept' : 'left out to fit the size cap' } : {}),
      files: count,
      bytes: mine.reduce((n, f) => n + f.content.length, 0),
    };
  });
  // The manifest lists sections in the plan's order, which is the order a reader expects.
  const order = plan.sections.map((s) => s.id);
  return sections.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

export type { BundlePreview, BundlePreviewSection } from '../../../common/diagnostics/bundleViews.js';

/** What the user sees before anything is written, as VS Code's issue reporter shows its report: every file, the manifest too. */
export function previewBundle(plan: BundlePlan, options: SelectionOptions, about: Pick<ManifestMeta, 'app' | 'installId'>): BundlePreview {
  const selection = selectForBundle(plan, options);
  const cutByPath = new Map(selection.cut.map((c) => [c.path, c.reason]));
  const manifest = manifestText(buildManifest({ ...about, createdAt: plan.createdAt, sinceDays: plan.sinceDays }, selection));
  return {
    sections: selection.sections.map((section) => ({
      ...section,
      entries: selection.files
        .filter((f) => f.section === section.id)
        .map((f) => ({ path: f.path, bytes: f.content.length, text: f.binary ? null : f.content.toString('utf8'), cut: cutByPath.get(f.path) ?? null })),
    })),
    manifest: { path: MANIFEST_PATH, bytes: Buffer.byteLength(manifest), text: manifest },
    cut: selection.cut,
    contentBytes: selection.contentBytes,
    sizeCapBytes: selection.sizeCapBytes,
  };
}
