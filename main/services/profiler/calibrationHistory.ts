// Every calibration this data directory has stored, oldest first, so the Benchmarks view can
// chart how the machine's speed moved (a new CPU, a busier VM, a slower power plan).
// calibration.json keeps only the latest; this JSON-lines file keeps the last
// CALIBRATION_HISTORY_LIMIT beside it, rewritten atomically, so it never grows without bound.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite.js';
import { calibrationSchema, type Calibration } from '../../../common/profiler/calibrationTypes.js';

export const CALIBRATION_HISTORY_LIMIT = 50;

export function calibrationHistoryFile(dataDir: string): string {
  return path.join(dataDir, 'calibration-history.jsonl');
}

/** The stored calibrations, oldest first; damaged lines are skipped (and counted). */
export async function readCalibrationHistory(dataDir: string): Promise<{ calibrations: Calibration[]; skipped: number }> {
  let text: string;
  try {
    text = await readFile(calibrationHistoryFile(dataDir), 'utf8');
  } catch {
    return { calibrations: [], skipped: 0 };
  }
  const calibrations: Calibration[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = calibrationSchema.safeParse(JSON.parse(line));
      if (parsed.success) calibrations.push(parsed.data);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { calibrations, skipped };
}

/** Adds one calibration, dropping the oldest beyond the limit. */
export async function appendCalibrationHistory(dataDir: string, calibration: Calibration, limit = CALIBRATION_HISTORY_LIMIT): Promise<void> {
  const { calibrations } = await readCalibrationHistory(dataDir);
  const kept = [...calibrations, calibration].slice(-limit);
  await writeFileAtomic(calibrationHistoryFile(dataDir), kept.map((c) => `${JSON.stringify(c)}\n`).join(''));
}
