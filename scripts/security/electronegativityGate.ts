// `npm run security`: runs @doyensec/electronegativity over the Electron shell, the preload and
// the page, and fails on any finding not explained by a comment beside it
// (`electronegativity-ok <CHECK> <why>` on the line or up to four lines above). The tool exits 0
// even with HIGH findings, and it missed `nodeIntegration: true` in the design's own trial, so
// our own checks of the window options run too.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../node/resourcePaths.js';
import { findingsFromSarif, unexplainedFindings, type Finding, type SarifLog } from './sarifFindings.js';

const run = promisify(execFile);
const TOOL = '@doyensec/electronegativity@1.10.3';
const root = projectRoot();
// What runs with Electron privileges or shapes the page's security: the shell, the bridge, the page.
const SCANNED = ['main/app', 'preload', 'renderer/index.html'];

async function scan(stage: string): Promise<Finding[]> {
  // SARIF, not CSV: the tool writes its CSV header and rows with two racing writes, and the header
  // sometimes lands over the first row. SARIF is one JSON document written at once.
  const out = path.join(stage, 'findings.sarif');
  const electronVersion = JSON.parse(await readFile(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  // Run in isolation: the tool needs an old commander it does not declare, which our tree would shadow.
  await run('npx', ['-y', TOOL, '-i', path.join(stage, 'src'), '-e', electronVersion.version, '-o', out], { cwd: os.tmpdir(), maxBuffer: 32 * 1024 * 1024 });
  return findingsFromSarif(JSON.parse(await readFile(out, 'utf8')) as SarifLog, path.join(stage, 'src'));
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx|js)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

/** Our own checks: the window options that matter, and no file anywhere in main/ turning them off. */
async function ownChecks(): Promise<string[]> {
  const problems: string[] = [];
  const window = await readFile(path.join(root, 'main', 'app', 'mainWindow.ts'), 'utf8');
  for (const required of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true', 'webviewTag: false']) {
    if (!window.includes(required)) problems.push(`main/app/mainWindow.ts: missing "${required}"`);
  }
  const forbidden = /(nodeIntegration(InWorker|InSubFrames)?|allowRunningInsecureContent|experimentalFeatures)\s*:\s*true|(contextIsolation|sandbox|webSecurity)\s*:\s*false/;
  for (const file of [...(await sourceFiles(path.join(root, 'main'))), ...(await sourceFiles(path.join(root, 'preload')))]) {
    const text = await readFile(file, 'utf8');
    const hit = forbidden.exec(text);
    if (hit) problems.push(`${path.relative(root, file)}: "${hit[0]}" weakens the window`);
  }
  const index = await readFile(path.join(root, 'renderer', 'index.html'), 'utf8');
  if (!/Content-Security-Policy/.test(index) || /unsafe-inline|unsafe-eval/.test(index)) problems.push('renderer/index.html: needs a strict CSP without unsafe-inline or unsafe-eval');
  return problems;
}

async function main(): Promise<void> {
  const stage = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-eneg-'));
  try {
    for (const entry of SCANNED) await cp(path.join(root, entry), path.join(stage, 'src', entry), { recursive: true });
    const findings = await scan(stage);
    const open = await unexplainedFindings(findings, root);
    const own = await ownChecks();
    console.log(`electronegativity: ${findings.length} findings, ${findings.length - open.length} explained beside the code, ${open.length} open`);
    for (const f of open) console.log(`  ${f.level} ${f.check} ${f.file ?? '(global)'}:${f.line} ${f.description}`);
    for (const p of own) console.log(`  own check: ${p}`);
    if (open.length > 0 || own.length > 0) process.exitCode = 1;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

await main();
