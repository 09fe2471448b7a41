// `npm run deps:check` (part of `npm test`): what we ship may be shipped.
// 1. Licences: every package in the production dependency tree (what electron-builder packs into
//    the app) has a licence GPL-3.0 can carry; an unknown or unlisted one fails the build.
// 2. Known vulnerabilities: `npm audit --audit-level=high`. Where the registry's audit endpoint
//    cannot be reached (some mirrors answer 405), that is said in a banner and the check counts
//    as NOT done: it fails when ZKDESK_REQUIRE_AUDIT=1 (CI where the endpoint exists), and is
//    never reported as a pass.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { projectRoot } from '../../node/resourcePaths.js';

const run = promisify(execFile);

/** Licences a GPL-3.0-or-later program may include (permissive, or GPL-3.0-compatible copyleft). */
const ALLOWED = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Apache-2.0',
  'Python-2.0',
  'BlueOak-1.0.0',
  'Zlib',
  'Unlicense',
  'CC0-1.0',
  'CC-BY-4.0',
  'WTFPL',
  'MPL-2.0',
  'LGPL-2.1-or-later',
  'LGPL-3.0',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'GPL-2.0-or-later',
  'GPL-3.0',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
]);

/** Packages whose metadata does not say it in SPDX, read from their licence files by hand. */
const READ_BY_HAND: Record<string, { license: string; why: string }> = {
  'esprima@1.2.5': { license: 'BSD-2-Clause', why: 'its old "licenses" field says "BSD"; LICENSE.BSD is the 2-clause text' },
};

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
}

/** An SPDX expression is acceptable when every AND branch is, and any OR branch is. */
export function licenceAllowed(expression: string): boolean {
  const text = expression.trim().replace(/^\((.*)\)$/, '$1');
  if (/\sOR\s/i.test(text)) return text.split(/\s+OR\s+/i).some(licenceAllowed);
  if (/\sAND\s/i.test(text)) return text.split(/\s+AND\s+/i).every(licenceAllowed);
  return ALLOWED.has(text.replace(/\+$/, '-or-later'));
}

function installedLicence(root: string, where: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, where, 'package.json'), 'utf8')) as { license?: unknown; licenses?: Array<{ type?: string }> };
    if (typeof manifest.license === 'string') return manifest.license;
    const old = manifest.licenses?.map((l) => l.type).filter(Boolean);
    return old && old.length > 0 ? old.join(' OR ') : null;
  } catch {
    return null;
  }
}

function checkLicences(root: string): { checked: number; problems: string[] } {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const problems: string[] = [];
  let checked = 0;
  for (const [where, entry] of Object.entries(lock.packages)) {
    // The root is zkdesk itself; dev-only packages are never packed into the app.
    if (where === '' || entry.dev || entry.devOptional) continue;
    checked++;
    const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const byHand = READ_BY_HAND[`${name}@${entry.version ?? ''}`];
    const licence = byHand?.license ?? entry.license ?? installedLicence(root, where);
    if (!licence) problems.push(`${name}@${entry.version}: no licence declared`);
    else if (!licenceAllowed(licence)) problems.push(`${name}@${entry.version}: ${licence} is not on the GPL-3.0-compatible allowlist`);
  }
  return { checked, problems };
}

type AuditOutcome = { ran: true; high: number; critical: number; total: number } | { ran: false; reason: string };

async function audit(root: string): Promise<AuditOutcome> {
  let stdout = '';
  try {
    ({ stdout } = await run('npm', ['audit', '--audit-level=high', '--json'], { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }));
  } catch (error) {
    // npm audit exits non-zero both when it finds something and when it cannot ask.
    stdout = (error as { stdout?: string }).stdout ?? '';
    if (!stdout.trim()) return { ran: false, reason: (error as Error).message.split('\n').slice(-3).join(' ').slice(0, 300) };
  }
  let report: { message?: string; error?: { summary?: string; code?: string }; metadata?: { vulnerabilities?: Record<string, number> } };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    return { ran: false, reason: 'npm audit printed something that is not JSON' };
  }
  if (!report.metadata?.vulnerabilities) return { ran: false, reason: report.message ?? report.error?.summary ?? report.error?.code ?? 'no vulnerability counts in the answer' };
  const v = report.metadata.vulnerabilities;
  return { ran: true, high: v.high ?? 0, critical: v.critical ?? 0, total: v.total ?? 0 };
}

async function main(): Promise<void> {
  const root = projectRoot();
  let failed = false;

  const licences = checkLicences(root);
  if (licences.problems.length === 0) console.log(`licences: ${licences.checked} shipped packages, all on the GPL-3.0-compatible allowlist`);
  else {
    failed = true;
    console.error(`licences: ${licences.problems.length} of ${licences.checked} shipped packages are not allowed:\n  ${licences.problems.join('\n  ')}`);
  }

  const outcome = await audit(root);
  if (outcome.ran) {
    const serious = outcome.high + outcome.critical;
    console.log(`npm audit: ${outcome.total} known vulnerabilities, ${serious} high or critical`);
    if (serious > 0) {
      failed = true;
      console.error('npm audit: high or critical vulnerabilities found: run `npm audit` for the list');
    }
  } else {
    const line = '='.repeat(78);
    console.warn(`${line}\nDEPENDENCY AUDIT NOT DONE: the registry's audit endpoint could not be used (${outcome.reason}).\nKnown vulnerabilities were NOT checked in this run.\n${line}`);
    if (process.env.ZKDESK_REQUIRE_AUDIT === '1') failed = true;
  }
  if (failed) process.exitCode = 1;
}

// Run as a script; imported (tests), it only lends licenceAllowed.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
