// How long a machine profile takes (objective: p95 under 1 s, docs/performance.md). Two figures,
// because users meet both:
//   cold  — `zkdesk profile --json` as a fresh process, its own collectMs (Node start-up excluded);
//   warm  — repeated collections in one long-running process, as the app refreshes its view.
// Prints n, p50, p95 and max of each and per-section status; saves JSON under <data dir>/bench/.
// Run: npm run bench:profile [-- --data-dir <dir>] [--runs N]
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { collectSystemProfile } from '../main/services/profiler/profileCollector.js';
import { systemProfileSchema, type SystemProfile } from '../common/profiler/systemProfile.js';
import { defaultDataDir } from '../main/cli/cliContext.js';
import { projectRoot } from '../node/resourcePaths.js';
import { summarize, type SampleSummary } from '../common/statistics/percentiles.js';
import { checkP95, objectiveLine } from './objectives.js';

/** Profile collection p95, cold and warm. */
export const PROFILE_P95_MS = 1_000;
const run = promisify(execFile);
const { values: flags } = parseArgs({ options: { 'data-dir': { type: 'string' }, runs: { type: 'string' } } });
const RUNS = Number(flags.runs ?? 10);

const SECTIONS = ['cpu', 'memory', 'gpu', 'os', 'system', 'power', 'load', 'disk', 'runtime'] as const;

function unavailableSections(profile: SystemProfile): string[] {
  return SECTIONS.filter((s) => profile[s].status === 'unavailable');
}

const line = (s: SampleSummary | null) => (s ? `n ${s.n}  p50 ${Math.round(s.p50)} ms  p95 ${Math.round(s.p95)} ms  max ${Math.round(s.max)} ms` : 'no samples');

async function main(): Promise<void> {
  const dataDir = path.resolve(flags['data-dir'] ?? defaultDataDir());
  const zkdesk = path.join(projectRoot(), 'bin', 'zkdesk.js');

  const cold: { collectMs: number; processMs: number; unavailable: string[] }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const { stdout } = await run(process.execPath, [zkdesk, '--data-dir', dataDir, 'profile', '--json']);
    const processMs = performance.now() - started;
    const profile = systemProfileSchema.parse(JSON.parse(stdout));
    cold.push({ collectMs: profile.collectMs, processMs: Math.round(processMs), unavailable: unavailableSections(profile) });
  }

  const warm: { wallMs: number; unavailable: string[] }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const profile = await collectSystemProfile({ dataDir });
    warm.push({ wallMs: Math.round(performance.now() - started), unavailable: unavailableSections(profile) });
  }

  const coldCollect = cold.map((c) => c.collectMs);
  const warmCollect = warm.map((w) => w.wallMs);
  const summaries = { coldCollectMs: summarize(coldCollect), coldProcessMs: summarize(cold.map((c) => c.processMs)), warmCollectMs: summarize(warmCollect) };
  console.log(`profile collection, ${RUNS} runs each`);
  console.log(`  cold process, collect:        ${line(summaries.coldCollectMs)}`);
  console.log(`  cold process, whole command:  ${line(summaries.coldProcessMs)}`);
  console.log(`  warm process, collect:        ${line(summaries.warmCollectMs)}`);
  const gaps = [...cold.flatMap((c) => c.unavailable), ...warm.flatMap((w) => w.unavailable)];
  console.log(`  sections unavailable: ${gaps.length === 0 ? 'none' : [...new Set(gaps)].join(', ')}`);
  const objectives = [
    checkP95('profile-cold-p95', `profile collection p95 < ${PROFILE_P95_MS} ms, cold \`zkdesk profile\``, coldCollect, PROFILE_P95_MS),
    checkP95('profile-warm-p95', `profile collection p95 < ${PROFILE_P95_MS} ms, warm in the app's process`, warmCollect, PROFILE_P95_MS),
  ];
  console.log('\nobjectives (docs/performance.md)');
  for (const o of objectives) console.log(objectiveLine(o));

  const file = path.join(dataDir, 'bench', `profile-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ kind: 'profile', createdAt: new Date().toISOString(), objectiveMs: PROFILE_P95_MS, ...summaries, objectives, cold, warm }, null, 2)}\n`);
  console.log(`\nsaved ${file}`);
}

await main();
