// manifest.json, the table of contents of a diagnostics bundle: what was written, by which
// install and version, and the checksum of every file, so the reader can tell a bundle that was
// changed or cut short from one that is whole.
import { z } from 'zod';

export const BUNDLE_FORMAT = 'zkdesk-diagnostics';
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

export const sectionIds = ['profile', 'calibration', 'warnings', 'updateState', 'settings', 'feedback', 'jobs', 'crashes', 'logs', 'bench', 'crashDumps'] as const;
export type SectionId = (typeof sectionIds)[number];

/** What each section is called, in the preview and in a support engineer's summary (the UI's too). */
export const sectionTitles: Record<SectionId, string> = {
  profile: 'System profile',
  calibration: 'Calibration',
  warnings: 'Environment warnings',
  updateState: 'Update state',
  settings: 'Settings (redacted)',
  feedback: 'Feedback waiting to be sent',
  jobs: 'Job history',
  crashes: 'Crash reports',
  logs: 'Logs',
  bench: 'Benchmark results',
  crashDumps: 'Crash dumps (minidumps)',
};

export const manifestFileSchema = z.object({
  path: z.string(),
  section: z.enum(sectionIds),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSectionSchema = z.object({
  id: z.enum(sectionIds),
  title: z.string(),
  included: z.boolean(),
  /** Why a section is absent: not available in this host, left out by the user, failed, cut. */
  reason: z.string().optional(),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});

export const manifestCutSchema = z.object({
  path: z.string(),
  section: z.enum(sectionIds),
  reason: z.string(),
  originalBytes: z.number().int().nonnegative(),
  keptBytes: z.number().int().nonnegative(),
});

export const bundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().positive(),
  app: z.object({ version: z.string(), channel: z.string() }),
  createdAt: z.string(),
  installId: z.string().nullable(),
  sinceDays: z.number().nullable(),
  sizeCapBytes: z.number().int().positive(),
  files: z.array(manifestFileSchema),
  sections: z.array(manifestSectionSchema),
  cut: z.array(manifestCutSchema),
});

export type BundleManifest = z.infer<typeof bundleManifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type ManifestSection = z.infer<typeof manifestSectionSchema>;
export type ManifestCut = z.infer<typeof manifestCutSchema>;
