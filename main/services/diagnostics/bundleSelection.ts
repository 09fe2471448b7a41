// Decides what of a plan goes into the bundle: the sections the user kept, under the size cap,
// the most useful and newest data first. Over the cap, a bundle is cut, never refused, and
// every cut is listed for the manifest. The preview shows this selection; the writer writes it.
import type { ManifestCut, ManifestSection, SectionId } from './bundleManifest.js';
import type { BundlePlan, PlannedFile } from './bundlePlan.js';
import type { BundlePreview } from './bundleViews.js';

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

/** Small, dense, always wanted first; bulky history after, newest first within each. */
const PRIORITY: SectionId[] = ['settings', 'profile', 'warnings', 'calibration', 'updateState', 'crashes', 'jobs', 'logs', 'bench', 'crashDumps'];

/**
 * What a file costs inside the zip beyond its content, with room to spare: local header, central
 * directory entry and data descriptor (each naming the file), deflate's worst-case growth on
 * incompressible data, and its line in the manifest.
 */
function overhead(file: { path: string }, bytes: number): number {
  return 160 + 3 * Buffer.byteLength(file.path) + Math.ceil(bytes / 16_384) * 5 + 200;
}

/** Fixed part of the zip and the manifest: the end record, the manifest header and its sections. */
const BASE_OVERHEAD = 8 * 1024;

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

export function selectForBundle(plan: BundlePlan, options: SelectionOptions): BundleSelection {
  const exclude = new Set(options.exclude ?? []);
  const include = new Set(options.include ?? []);
  let budget = options.sizeCapBytes - BASE_OVERHEAD;
  const files: SelectedFile[] = [];
  const cut: ManifestCut[] = [];
  const sections: ManifestSection[] = [];

  const ordered = [...plan.sections].sort((a, b) => PRIORITY.indexOf(a.id) - PRIORITY.indexOf(b.id));
  for (const section of ordered) {
    const base = { id: section.id, title: section.title };
    if (section.files.length === 0) {
      sections.push({ ...base, included: false, reason: section.unavailable ?? 'no data', files: 0, bytes: 0 });
      continue;
    }
    if (exclude.has(section.id)) {
      sections.push({ ...base, included: false, reason: 'left out by the user', files: 0, bytes: 0 });
      continue;
    }
    if (section.optIn && !include.has(section.id)) {
      sections.push({ ...base, included: false, reason: `not included by default: ${section.optIn}`, files: 0, bytes: 0 });
      continue;
    }
    let count = 0;
    let bytes = 0;
    let wasCut = false;
    const newestFirst = [...section.files].sort((a: PlannedFile, b: PlannedFile) => b.mtimeMs - a.mtimeMs);
    for (const file of newestFirst) {
      const size = file.content.length;
      const cost = size + overhead(file, size);
      if (cost <= budget) {
        files.push({ path: file.path, section: file.section, content: file.content, binary: file.binary });
        budget -= cost;
        count++;
        bytes += size;
        continue;
      }
      wasCut = true;
      const room = budget - overhead(file, size);
      if (file.lineBased && room > 0) {
        const { kept, keptLines, totalLines } = tailLines(file.content, room);
        if (keptLines > 0) {
          files.push({ path: file.path, section: file.section, content: kept, binary: false });
          budget -= kept.length + overhead(file, kept.length);
          count++;
          bytes += kept.length;
          cut.push({ path: file.path, section: file.section, reason: `size cap: kept the newest ${keptLines} of ${totalLines} lines`, originalBytes: size, keptBytes: kept.length });
          continue;
        }
      }
      cut.push({ path: file.path, section: file.section, reason: 'size cap: left out', originalBytes: size, keptBytes: 0 });
    }
    sections.push({
      ...base,
      included: count > 0,
      ...(wasCut ? { reason: count > 0 ? 'cut to fit the size cap; the newest data was kept' : 'left out to fit the size cap' } : {}),
      files: count,
      bytes,
    });
  }
  // The manifest lists sections in the plan's order, which is the order a reader expects.
  const order = plan.sections.map((s) => s.id);
  sections.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { files, sections, cut, contentBytes: files.reduce((n, f) => n + f.content.length, 0), sizeCapBytes: options.sizeCapBytes };
}

export type { BundlePreview, BundlePreviewSection } from './bundleViews.js';

/** What the user sees before anything is written, as VS Code's issue reporter shows its report. */
export function previewBundle(plan: BundlePlan, options: SelectionOptions): BundlePreview {
  const selection = selectForBundle(plan, options);
  const cutByPath = new Map(selection.cut.map((c) => [c.path, c.reason]));
  return {
    sections: selection.sections.map((section) => ({
      ...section,
      entries: selection.files
        .filter((f) => f.section === section.id)
        .map((f) => ({ path: f.path, bytes: f.content.length, text: f.binary ? null : f.content.toString('utf8'), cut: cutByPath.get(f.path) ?? null })),
    })),
    cut: selection.cut,
    contentBytes: selection.contentBytes,
    sizeCapBytes: selection.sizeCapBytes,
  };
}
