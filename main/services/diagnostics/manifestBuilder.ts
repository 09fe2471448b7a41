// manifest.json as the writer writes it, built in one place so that the size cap can count it
// and the preview can show it byte for byte before anything is written.
import { createHash } from 'node:crypto';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleManifest, type ManifestCut, type ManifestSection, type SectionId } from '../../../common/diagnostics/bundleManifest.js';

export interface ManifestMeta {
  app: { version: string; channel: string };
  installId: string | null;
  createdAt: string;
  sinceDays: number | null;
}

export interface ManifestContent {
  files: { path: string; section: SectionId; content: Buffer }[];
  sections: ManifestSection[];
  cut: ManifestCut[];
  sizeCapBytes: number;
}

/** The size cap is checked against the manifest more than once: each file is hashed once. */
const hashes = new WeakMap<Buffer, string>();

export function sha256(data: Buffer): string {
  let hash = hashes.get(data);
  if (hash === undefined) {
    hash = createHash('sha256').update(data).digest('hex');
    hashes.set(data, hash);
  }
  return hash;
}

export function buildManifest(meta: ManifestMeta, content: ManifestContent): BundleManifest {
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    app: meta.app,
    createdAt: meta.createdAt,
    installId: meta.installId,
    sinceDays: meta.sinceDays,
    sizeCapBytes: content.sizeCapBytes,
    files: content.files.map((f) => ({ path: f.path, section: f.section, bytes: f.content.length, sha256: sha256(f.content) })),
    sections: content.sections,
    cut: content.cut,
  };
}

export function manifestText(manifest: BundleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
