// Crash reports in <dataDir>/crashes/: our own JSON records (a worker that exited abnormally,
// an uncaught exception in main) beside the minidumps Electron's crashReporter writes there.
// Records are redacted before they are written; minidumps are raw process memory and cannot be.
import { mkdir, readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite.js';
import type { Redactor } from './redact.js';

export type CrashKind = 'worker-exit' | 'main-exception' | 'renderer-gone' | 'child-process-gone';

export interface CrashRecord {
  kind: CrashKind;
  at: string;
  pid?: number;
  exitCode?: number | null;
  signal?: string | null;
  jobId?: string;
  circuitId?: string;
  errorCode?: string;
  message?: string;
  /** The last lines the process logged before it went: often the only clue. */
  lastLogLines?: string[];
  appVersion?: string;
  details?: Record<string, string | number | boolean | null>;
}

export interface CrashReportEntry {
  /** Path relative to the crashes folder, with forward slashes. */
  file: string;
  type: 'record' | 'minidump';
  kind: CrashKind | 'native';
  at: string;
  bytes: number;
}

export function crashesDir(dataDir: string): string {
  return path.join(dataDir, 'crashes');
}

export async function writeCrashRecord(dataDir: string, record: CrashRecord, redactor: Redactor): Promise<string> {
  const dir = crashesDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = record.at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = path.join(dir, `${record.kind}-${stamp}-${record.pid ?? process.pid}-${Math.random().toString(36).slice(2, 8)}.json`);
  await writeFileAtomic(file, `${JSON.stringify(redactor.value(record), null, 2)}\n`);
  return file;
}

/** What Electron says about a child or renderer process that went (its 'child-process-gone' and 'render-process-gone' details). */
export interface GoneProcessDetails {
  reason: string;
  exitCode: number;
  /** Child processes: 'GPU', 'Utility', … */
  type?: string;
  serviceName?: string;
  name?: string;
}

/**
 * The crash record for an Electron process that went, or null when there is nothing to record:
 * a clean exit, or one of our own workers, which the worker crash watch records with more detail.
 */
export function goneProcessRecord(kind: 'renderer-gone' | 'child-process-gone', details: GoneProcessDetails, at: Date = new Date()): CrashRecord | null {
  if (details.reason === 'clean-exit') return null;
  if (details.type === 'Utility' && /^zkdesk-/.test(details.serviceName ?? '')) return null;
  const what = kind === 'renderer-gone' ? 'The window\'s renderer process' : `The ${details.type ?? 'child'} process${details.name ? ` (${details.name})` : ''}`;
  return {
    kind,
    at: at.toISOString(),
    exitCode: details.exitCode,
    message: `${what} went: ${details.reason}.`,
    details: {
      reason: details.reason,
      ...(details.type ? { type: details.type } : {}),
      ...(details.serviceName ? { serviceName: details.serviceName } : {}),
      ...(details.name ? { name: details.name } : {}),
    },
  };
}

/** Is this exit one to record? A clean exit, or one we asked for (cancel, shutdown), is not. */
export function isAbnormalExit(exitCode: number | null, signal: string | null, expected: boolean): boolean {
  if (expected) return false;
  return (exitCode !== null && exitCode !== 0) || signal !== null;
}

/** Every crash report, newest first: records at the top level, minidumps anywhere below (Crashpad nests them). */
export async function listCrashReports(dataDir: string): Promise<CrashReportEntry[]> {
  const root = crashesDir(dataDir);
  const entries: CrashReportEntry[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    let names: Dirent[];
    try {
      names = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 4) await walk(full, depth + 1);
      if (!entry.isFile()) continue;
      const isRecord = depth === 0 && entry.name.endsWith('.json');
      const isDump = entry.name.endsWith('.dmp');
      if (!isRecord && !isDump) continue;
      const info = await stat(full);
      const kindMatch = /^(worker-exit|main-exception|renderer-gone|child-process-gone)-/.exec(entry.name);
      entries.push({
        file: path.relative(root, full).split(path.sep).join('/'),
        type: isRecord ? 'record' : 'minidump',
        kind: isRecord ? ((kindMatch?.[1] as CrashKind | undefined) ?? 'main-exception') : 'native',
        at: info.mtime.toISOString(),
        bytes: info.size,
      });
    }
  }
  await walk(root, 0);
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
