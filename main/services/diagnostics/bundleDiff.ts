// Two bundles of one install, side by side: what changed in version, machine, warnings,
// failures and crashes. Volatile readings (load, free memory, uptime, timestamps) are left out
// of the profile comparison, or every diff would be noise.
import { bundleJson, type OpenedBundle } from './bundleReader.js';
import { summarizeBundle, type BundleSummary } from './bundleInspector.js';

export interface ValueChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface BundleDiff {
  a: { file: string; createdAt: string | null; integrity: string };
  b: { file: string; createdAt: string | null; integrity: string };
  sameInstall: boolean | null;
  version: ValueChange | null;
  channel: ValueChange | null;
  profile: ValueChange[];
  warnings: { added: string[]; removed: string[] };
  failures: { newFailures: { jobId: string | null; circuitId: string | null; errorCode: string | null }[]; codesFrom: Record<string, number>; codesTo: Record<string, number> };
  crashes: { from: number; to: number };
}

/** A key is volatile when one of its words (camelCase or snake_case) is one of these. */
const VOLATILE_WORDS = new Set(['time', 'uptime', 'load', 'free', 'available', 'used', 'active', 'current', 'speed', 'temperature', 'timestamp', 'date', 'percent', 'pct', 'sampled', 'collected', 'collect', 'ms', 'at', 'remaining', 'charging']);

function isVolatile(key: string): boolean {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .some((word) => VOLATILE_WORDS.has(word.toLowerCase()));
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>, depth = 0): void {
  if (depth > 6) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (isVolatile(k)) continue;
      flatten(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
    }
  } else {
    out.set(prefix, value);
  }
}

export function profileChanges(a: unknown, b: unknown): ValueChange[] {
  const fa = new Map<string, unknown>();
  const fb = new Map<string, unknown>();
  flatten(a, '', fa);
  flatten(b, '', fb);
  const changes: ValueChange[] = [];
  for (const key of new Set([...fa.keys(), ...fb.keys()])) {
    const from = fa.has(key) ? fa.get(key) : undefined;
    const to = fb.has(key) ? fb.get(key) : undefined;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ path: key, from: from ?? null, to: to ?? null });
  }
  return changes.sort((x, y) => x.path.localeCompare(y.path));
}

function change(from: unknown, to: unknown, path: string): ValueChange | null {
  return JSON.stringify(from) === JSON.stringify(to) ? null : { path, from, to };
}

function warningKeys(s: BundleSummary): Set<string> {
  return new Set(s.warnings.map((w) => `${w.id}: ${w.message}`));
}

/** `a` is the older bundle, `b` the newer: the caller orders them by creation time. */
export function diffBundles(bundleA: OpenedBundle, bundleB: OpenedBundle): BundleDiff {
  const [first, second] = (bundleA.manifest?.createdAt ?? '') <= (bundleB.manifest?.createdAt ?? '') ? [bundleA, bundleB] : [bundleB, bundleA];
  const a = summarizeBundle(first, { failedJobs: 1000 });
  const b = summarizeBundle(second, { failedJobs: 1000 });
  const wa = warningKeys(a);
  const wb = warningKeys(b);
  const seenFailures = new Set(a.failedJobs.map((j) => j.jobId ?? `${j.finishedAt}|${j.circuitId}`));
  return {
    a: { file: first.file, createdAt: a.createdAt, integrity: a.integrity.status },
    b: { file: second.file, createdAt: b.createdAt, integrity: b.integrity.status },
    sameInstall: a.installId && b.installId ? a.installId === b.installId : null,
    version: change(a.app?.version ?? null, b.app?.version ?? null, 'app.version'),
    channel: change(a.app?.channel ?? null, b.app?.channel ?? null, 'app.channel'),
    profile: profileChanges(bundleJson(first, 'profile.json'), bundleJson(second, 'profile.json')),
    warnings: { added: [...wb].filter((w) => !wa.has(w)), removed: [...wa].filter((w) => !wb.has(w)) },
    failures: {
      newFailures: b.failedJobs
        .filter((j) => !seenFailures.has(j.jobId ?? `${j.finishedAt}|${j.circuitId}`))
        .map((j) => ({ jobId: j.jobId, circuitId: j.circuitId, errorCode: j.errorCode })),
      codesFrom: a.failureCodes,
      codesTo: b.failureCodes,
    },
    crashes: { from: a.crashCount, to: b.crashCount },
  };
}

export function formatDiff(d: BundleDiff): string {
  const lines: string[] = [];
  lines.push(`From ${d.a.file} (${d.a.createdAt ?? '?'}, ${d.a.integrity})`);
  lines.push(`  to ${d.b.file} (${d.b.createdAt ?? '?'}, ${d.b.integrity})`);
  if (d.sameInstall === false) lines.push('NOTE: these bundles come from two different installs.');
  lines.push(`Version: ${d.version ? `${String(d.version.from)} -> ${String(d.version.to)}` : 'unchanged'}`);
  lines.push(`Channel: ${d.channel ? `${String(d.channel.from)} -> ${String(d.channel.to)}` : 'unchanged'}`);
  lines.push(`Profile: ${d.profile.length === 0 ? 'unchanged' : `${d.profile.length} change(s)`}`);
  for (const c of d.profile.slice(0, 40)) lines.push(`  ${c.path}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`);
  lines.push(`Warnings: ${d.warnings.added.length} new, ${d.warnings.removed.length} gone`);
  for (const w of d.warnings.added) lines.push(`  + ${w}`);
  for (const w of d.warnings.removed) lines.push(`  - ${w}`);
  lines.push(`New failures: ${d.failures.newFailures.length}`);
  for (const f of d.failures.newFailures.slice(0, 20)) lines.push(`  ${f.circuitId ?? '?'} ${f.errorCode ?? 'no code'}`);
  lines.push(`Crashes: ${d.crashes.from} -> ${d.crashes.to}`);
  return `${lines.join('\n')}\n`;
}
