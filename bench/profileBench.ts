// How long a machine profile takes (target: under 1.5 s). Two figures, because users meet both:
//   cold  — `zkdesk profile --json` as a fresh process, its own collectMs (Node start-up excluded);
//   warm  — repeated collections in one long-running process, as the app refreshes its view.
// Five of each; prints medians and per-section status; saves JSON under <data dir>/bench/.
// Run: npx tsc -b && node dist/bench/profileBench.js [--data-dir <dir>]
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { collectSystemProfile } from '../main/services/profiler/profileCollector.js';
import { systemProfileSchema, type SystemProfile } from '../common/profiler/systemProfile.js';
import { defaultDataDir } from '../main/cli/cliContext.js';
import { projectRoot } from '../node/resourcePaths.js';
import { median } from '../common/median.js';
import { arg } from './benchArgs.js';

const RUNS = 5;
const TARGET_MS = 1_500;
const run = promisify(execFile);



const SECTIONS = ['cpu', 'memory', 'gpu', 'os', 'system', 'power', 'load', 'disk', 'runtime'] as const;

function unavailableSections(profile: SystemProfile): string[] {
  return SECTIONS.filter((s) => profile[s].status === 'unavailable');
}

async function main(): Promise<void> {
  const dataDir = path.resolve(arg('--data-dir') ?? defaultDataDir());
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

  // RUNS > 0, so the medians exist.
  const coldMedian = median(cold.map((c) => c.collectMs)) as number;
  const coldProcessMedian = median(cold.map((c) => c.processMs)) as number;
  const warmMedian = median(warm.map((w) => w.wallMs)) as number;
  const verdict = (ms: number) => (ms < TARGET_MS ? 'under' : 'OVER');
  console.log(`profile collection, ${RUNS} runs each (target < ${TARGET_MS} ms)`);
  console.log(`  cold process: median collect ${coldMedian} ms (${verdict(coldMedian)} target); whole \`zkdesk profile --json\` ${coldProcessMedian} ms`);
  console.log(`  warm process: median collect ${warmMedian} ms (${verdict(warmMedian)} target)`);
  console.log(`  samples cold: ${cold.map((c) => c.collectMs).join(', ')} ms; warm: ${warm.map((w) => w.wallMs).join(', ')} ms`);
  const gaps = [...cold.flatMap((c) => c.unavailable), ...warm.flatMap((w) => w.unavailable)];
  console.log(`  sections unavailable: ${gaps.length === 0 ? 'none' : [...new Set(gaps)].join(', ')}`);

  const file = path.join(dataDir, 'bench', `profile-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify({ kind: 'profile', createdAt: new Date().toISOString(), targetMs: TARGET_MS, coldMedianMs: coldMedian, coldProcessMedianMs: coldProcessMedian, warmMedianMs: warmMedian, cold, warm }, null, 2)}\n`,
  );
  console.log(`\nsaved ${file}`);
}

await main();
