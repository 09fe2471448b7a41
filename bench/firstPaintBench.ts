// How soon the UI shows something, and how soon it can be used (docs/performance.md): the built
// renderer served by a real `zkdesk serve`, opened in Debian's Chromium in a fresh browser context
// each time (nothing cached), N times. First contentful paint is Chromium's own
// (performance.getEntriesByName('first-contentful-paint')); usable is the navigation on screen.
// Run: npm run bench:paint [-- --runs N]    (needs the built renderer: npx vite build)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { projectRoot } from '../node/resourcePaths.js';
import { summarize } from '../common/statistics/percentiles.js';
import { checkP95, objectiveLine } from './objectives.js';

export const FIRST_PAINT_P95_MS = 1_000;
export const USABLE_P95_MS = 2_000;
const { values: flags } = parseArgs({ options: { runs: { type: 'string' }, chromium: { type: 'string' } } });
const RUNS = Number(flags.runs ?? 10);

async function serve(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['bin/zkdesk.js', '--data-dir', dataDir, '--json', 'serve'], { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        // Not the whole JSON yet.
      }
    });
    child.once('exit', (code) => reject(new Error(`zkdesk serve exited (${code}) before printing its URL`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-paint-'));
  const server = await serve(dataDir);
  const browser = await chromium.launch({ executablePath: flags.chromium ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const paint: number[] = [];
  const usable: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(server.url);
      await page.getByRole('navigation').first().waitFor();
      usable.push(performance.now() - t0);
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
      if (fcp !== null) paint.push(fcp);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const show = (name: string, xs: number[]) => {
    const s = summarize(xs);
    console.log(`  ${name.padEnd(24)} ${s ? `n ${s.n}  p50 ${Math.round(s.p50)} ms  p95 ${Math.round(s.p95)} ms  max ${Math.round(s.max)} ms` : 'no samples'}`);
  };
  console.log(`the UI in Chromium, ${RUNS} fresh contexts`);
  show('first contentful paint', paint);
  show('navigation usable', usable);
  console.log('\nobjectives (docs/performance.md)');
  console.log(objectiveLine(checkP95('first-paint-p95', `first contentful paint p95 ≤ ${FIRST_PAINT_P95_MS} ms`, paint, FIRST_PAINT_P95_MS)));
  console.log(objectiveLine(checkP95('usable-p95', `navigation usable p95 ≤ ${USABLE_P95_MS} ms`, usable, USABLE_P95_MS)));
}

await main();
