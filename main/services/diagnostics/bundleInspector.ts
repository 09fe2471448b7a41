// What a support engineer reads in a minute: is the bundle whole, which version and channel,
// what machine, which warnings, which jobs failed and why, how many crashes, and the log lines
// at warning level and above. Shapes written by other services are read tolerantly: a field
// that is missing shows as unknown rather than failing the whole summary.
import { bundleJson, bundleJsonLines, type OpenedBundle } from './bundleReader.js';
import type { BundleSummary, LogLineSummary, MachineSummary, WarningSummary } from '../../../common/diagnostics/bundleViews.js';
import { formatBytes } from '../../../common/format/byteUnits.js';

export type { BundleSummary, FailedJobSummary, LogLineSummary, MachineSummary, WarningSummary } from '../../../common/diagnostics/bundleViews.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first of several dotted paths that holds a value of the wanted type. */
function pick<T extends 'string' | 'number'>(root: unknown, type: T, ...paths: string[]): (T extends 'string' ? string : number) | null {
  for (const p of paths) {
    let node: unknown = root;
    for (const key of p.split('.')) node = isObject(node) ? node[key] : undefined;
    if (typeof node === type) return node as T extends 'string' ? string : number;
  }
  return null;
}

export function machineSummary(profile: unknown): MachineSummary | null {
  if (!isObject(profile)) return null;
  const osName = pick(profile, 'string', 'os.distro', 'os.name', 'os.platform', 'platform');
  const osRelease = pick(profile, 'string', 'os.release', 'os.version');
  const cpu = pick(profile, 'string', 'cpu.brand', 'cpu.model', 'cpu.name');
  const vendor = pick(profile, 'string', 'cpu.manufacturer', 'cpu.vendor');
  const node = pick(profile, 'string', 'runtime.node', 'versions.node', 'node');
  const electron = pick(profile, 'string', 'runtime.electron', 'versions.electron', 'electron');
  return {
    os: osName ? [osName, osRelease].filter(Boolean).join(' ') : null,
    arch: pick(profile, 'string', 'os.arch', 'arch', 'cpu.arch'),
    cpu: cpu ? [vendor, cpu].filter(Boolean).join(' ') : null,
    cores: pick(profile, 'number', 'cpu.cores', 'cpu.logicalCores', 'cpu.physicalCores', 'cores'),
    memoryBytes: pick(profile, 'number', 'memory.totalBytes', 'memory.total', 'mem.total', 'totalMemoryBytes'),
    runtime: [node && `node ${node}`, electron && `electron ${electron}`].filter(Boolean).join(', ') || null,
    virtualMachine: isObject(profile.system) && typeof profile.system.virtual === 'boolean' ? profile.system.virtual : null,
  };
}

function warningList(value: unknown): WarningSummary[] {
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.warnings) ? value.warnings : [];
  return list.filter(isObject).map((w) => ({
    id: pick(w, 'string', 'id', 'code', 'rule') ?? 'warning',
    severity: pick(w, 'string', 'severity', 'level'),
    message: pick(w, 'string', 'title', 'message', 'summary', 'text') ?? '',
  }));
}

const LEVEL_NUMBERS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, warning: 40, error: 50, fatal: 60 };

function levelOf(record: Json): { name: string; value: number } | null {
  const level = record.level;
  if (typeof level === 'number') return { name: Object.keys(LEVEL_NUMBERS).find((k) => LEVEL_NUMBERS[k] === level) ?? String(level), value: level };
  if (typeof level === 'string' && LEVEL_NUMBERS[level.toLowerCase()] !== undefined) return { name: level.toLowerCase(), value: LEVEL_NUMBERS[level.toLowerCase()] ?? 0 };
  return null;
}

export function summarizeBundle(bundle: OpenedBundle, options: { failedJobs?: number; logLines?: number } = {}): BundleSummary {
  const manifest = bundle.manifest;
  const jobs = bundleJsonLines(bundle, 'jobs/history.jsonl');
  const failed = jobs.filter((j) => j.outcome === 'failed');
  const failureCodes: Record<string, number> = {};
  for (const j of failed) {
    const code = typeof j.errorCode === 'string' ? j.errorCode : 'unknown';
    failureCodes[code] = (failureCodes[code] ?? 0) + 1;
  }

  const crashIndex = bundleJson(bundle, 'crashes/index.json');
  const crashCount = Array.isArray(crashIndex)
    ? crashIndex.length
    : [...bundle.files.keys()].filter((name) => name.startsWith('crashes/') && name !== 'crashes/index.json').length;

  const logProblems: LogLineSummary[] = [];
  const logFiles = [...bundle.files.keys()].filter((name) => name.startsWith('logs/')).sort();
  for (const name of logFiles) {
    for (const record of bundleJsonLines(bundle, name)) {
      const level = levelOf(record);
      if (!level || level.value < 40) continue;
      logProblems.push({
        time: typeof record.time === 'string' ? record.time : typeof record.time === 'number' ? new Date(record.time).toISOString() : null,
        level: level.name,
        scope: typeof record.scope === 'string' ? record.scope : null,
        msg: typeof record.msg === 'string' ? record.msg : JSON.stringify(record),
        file: name,
      });
    }
  }
  logProblems.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));

  const feedback = [...bundle.files.keys()]
    .filter((name) => /^feedback\/message-\d+\.json$/.test(name))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
    .map((name) => bundleJson(bundle, name) as { createdAt?: unknown; message?: unknown } | null)
    .filter((item): item is { createdAt?: unknown; message: string } => typeof item?.message === 'string')
    .map((item) => ({ createdAt: typeof item.createdAt === 'string' ? item.createdAt : null, message: item.message }));

  return {
    file: bundle.file,
    integrity: bundle.integrity,
    app: manifest?.app ?? null,
    createdAt: manifest?.createdAt ?? null,
    installId: manifest?.installId ?? null,
    machine: machineSummary(bundleJson(bundle, 'profile.json')),
    sections: (manifest?.sections ?? []).map((s) => ({ id: s.id, included: s.included, reason: s.reason ?? null })),
    cut: (manifest?.cut ?? []).map((c) => ({ path: c.path, reason: c.reason })),
    warnings: warningList(bundleJson(bundle, 'warnings.json')),
    jobs: {
      total: jobs.length,
      verified: jobs.filter((j) => j.outcome === 'verified').length,
      failed: failed.length,
      cancelled: jobs.filter((j) => j.outcome === 'cancelled').length,
    },
    failedJobs: failed.slice(-(options.failedJobs ?? 10)).reverse().map((j) => ({
      jobId: typeof j.jobId === 'string' ? j.jobId : null,
      circuitId: typeof j.circuitId === 'string' ? j.circuitId : null,
      errorCode: typeof j.errorCode === 'string' ? j.errorCode : null,
      errorMessage: typeof j.errorMessage === 'string' ? j.errorMessage : null,
      finishedAt: typeof j.finishedAt === 'string' ? j.finishedAt : null,
    })),
    failureCodes,
    crashCount,
    logProblems: logProblems.slice(-(options.logLines ?? 40)),
    feedback,
  };
}

function size(bytes: number | null): string {
  return bytes === null ? 'unknown' : formatBytes(bytes);
}

/** The summary as text, most important first. */
export function formatSummary(s: BundleSummary): string {
  const lines: string[] = [];
  const i = s.integrity;
  if (i.status === 'intact') lines.push(`Integrity: OK (every file matches the manifest)`);
  else if (i.status === 'no-manifest') lines.push(`Integrity: CANNOT CHECK: ${i.manifestProblem ?? 'no manifest'}`);
  else {
    lines.push(`Integrity: ${i.status.toUpperCase()}`);
    for (const t of i.tampered) lines.push(`  changed: ${t.path} (${t.reason})`);
    for (const m of i.missing) lines.push(`  missing: ${m}`);
    for (const u of i.unexpected) lines.push(`  not in the manifest: ${u}`);
  }
  lines.push(`App: ${s.app ? `${s.app.version} (${s.app.channel})` : 'unknown'}   written ${s.createdAt ?? 'unknown'}   install ${s.installId ?? 'unknown'}`);
  const m = s.machine;
  lines.push(
    m
      ? `Machine: ${m.os ?? 'unknown OS'} ${m.arch ?? ''}, ${m.cpu ?? 'unknown CPU'}${m.cores !== null ? ` x${m.cores}` : ''}, ${size(m.memoryBytes)} RAM${m.runtime ? `, ${m.runtime}` : ''}${m.virtualMachine ? ', virtual machine' : ''}`.replace(/\s+,/g, ',')
      : 'Machine: no profile in this bundle',
  );
  lines.push('', `Warnings (${s.warnings.length}):`);
  for (const w of s.warnings) lines.push(`  [${w.severity ?? '-'}] ${w.id}: ${w.message}`);
  lines.push('', `Jobs: ${s.jobs.total} (${s.jobs.verified} verified, ${s.jobs.failed} failed, ${s.jobs.cancelled} cancelled)`);
  const codes = Object.entries(s.failureCodes).map(([code, n]) => `${code} x${n}`);
  if (codes.length) lines.push(`  failures by code: ${codes.join(', ')}`);
  for (const j of s.failedJobs) lines.push(`  ${j.finishedAt ?? '?'}  ${j.circuitId ?? '?'}  ${j.errorCode ?? 'no code'}${j.errorMessage ? `: ${j.errorMessage}` : ''}`);
  if (s.feedback.length) {
    lines.push('', `Feedback waiting to be sent (${s.feedback.length}):`);
    for (const f of s.feedback) lines.push(`  ${f.createdAt ?? '?'}  ${f.message.replace(/\s*\n\s*/g, ' / ')}`);
  }
  lines.push('', `Crashes: ${s.crashCount}`);
  lines.push('', `Log lines at warning and above (${s.logProblems.length}):`);
  for (const l of s.logProblems) lines.push(`  ${l.time ?? '?'} ${l.level.toUpperCase()} [${l.scope ?? '-'}] ${l.msg}`);
  const absent = s.sections.filter((x) => !x.included);
  if (absent.length) {
    lines.push('', 'Not in this bundle:');
    for (const x of absent) lines.push(`  ${x.id}: ${x.reason ?? 'no reason given'}`);
  }
  if (s.cut.length) {
    lines.push('', 'Cut to fit the size cap:');
    for (const c of s.cut) lines.push(`  ${c.path}: ${c.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
