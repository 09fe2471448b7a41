// The results `npm run bench` saved under <dataDir>/bench/ (bench/provingBench.ts writes one
// proving-<time>.json per run): zkdesk against plain snarkjs, per circuit. Read for the
// Benchmarks view's history chart; a file that is not a bench result is skipped and counted.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { benchRunSchema, type BenchRun } from '../../../common/profiler/benchRunTypes.js';

export function benchDir(dataDir: string): string {
  return path.join(dataDir, 'bench');
}

/** The newest `limit` runs, oldest first. */
export async function readBenchRuns(dataDir: string, limit = 100): Promise<{ runs: BenchRun[]; skipped: number }> {
  let names: string[];
  try {
    // The names carry the run's time (proving-2026-11-22T…json): the newest sort last.
    names = (await readdir(benchDir(dataDir))).filter((n) => n.endsWith('.json')).sort().slice(-limit);
  } catch {
    return { runs: [], skipped: 0 };
  }
  const runs: BenchRun[] = [];
  let skipped = 0;
  for (const name of names) {
    try {
      const parsed = benchRunSchema.safeParse(JSON.parse(await readFile(path.join(benchDir(dataDir), name), 'utf8')));
      if (parsed.success) runs.push({ ...parsed.data, file: name });
      else skipped++;
    } catch {
      skipped++;
    }
  }
  runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { runs: runs.slice(-limit), skipped };
}
