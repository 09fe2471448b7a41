// What the diagnostics views show (the bundle preview, an opened bundle's summary), as plain
// types with no Node in them: the UI contract and the renderer import these.
import type { ManifestCut, ManifestSection } from './bundleManifest.js';

export interface BundleIntegrity {
  /** True only when the manifest is valid and every file matches it. */
  ok: boolean;
  status: 'intact' | 'tampered' | 'incomplete' | 'no-manifest';
  tampered: { path: string; reason: string }[];
  missing: string[];
  unexpected: string[];
  manifestProblem: string | null;
}

export interface MachineSummary {
  os: string | null;
  arch: string | null;
  cpu: string | null;
  cores: number | null;
  memoryBytes: number | null;
  runtime: string | null;
  virtualMachine: boolean | null;
}

export interface WarningSummary {
  id: string;
  severity: string | null;
  message: string;
}

export interface FailedJobSummary {
  jobId: string | null;
  circuitId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  finishedAt: string | null;
}

export interface LogLineSummary {
  time: string | null;
  level: string;
  scope: string | null;
  msg: string;
  file: string;
}

export interface BundleSummary {
  file: string;
  integrity: BundleIntegrity;
  app: { version: string; channel: string } | null;
  createdAt: string | null;
  installId: string | null;
  machine: MachineSummary | null;
  sections: { id: string; included: boolean; reason: string | null }[];
  cut: { path: string; reason: string }[];
  warnings: WarningSummary[];
  jobs: { total: number; verified: number; failed: number; cancelled: number };
  failedJobs: FailedJobSummary[];
  failureCodes: Record<string, number>;
  crashCount: number;
  logProblems: LogLineSummary[];
  /** Feedback the tester wrote that was still waiting to be sent, oldest first: their own words. */
  feedback: Array<{ createdAt: string | null; message: string }>;
}

export interface BundlePreviewSection extends ManifestSection {
  /** Every file that would be written, with the exact text (binary files show none). */
  entries: { path: string; bytes: number; text: string | null; cut: string | null }[];
}

export interface BundlePreview {
  sections: BundlePreviewSection[];
  /** manifest.json exactly as it will be written (the table of contents and every checksum). */
  manifest: { path: string; bytes: number; text: string };
  cut: ManifestCut[];
  contentBytes: number;
  sizeCapBytes: number;
}
