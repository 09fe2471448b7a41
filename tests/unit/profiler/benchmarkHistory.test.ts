// The history behind the Benchmarks view's charts, on real files in a temporary data directory:
// past calibrations kept to a bound, and `npm run bench` results read back in their own format.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendCalibrationHistory, calibrationHistoryFile, readCalibrationHistory } from '../../../main/services/profiler/calibrationHistory.js';
import { readBenchRuns } from '../../../main/services/profiler/benchResults.js';
import type { Calibration } from '../../../common/profiler/calibrationTypes.js';
import { benchRunFixture } from '../../support/benchRunFixture.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bench-history-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function calibration(day: number): Calibration {
  return {
    formatVersion: 1,
    fingerprint: 'a'.repeat(64),
    measuredAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    durationMs: 9000,
    threads: 2,
    g1Msm: [{ power: 10, ms: 40 + day }, { power: 14, ms: 500 + day }],
    g2Msm: [{ power: 10, ms: 120 }, { power: 12, ms: 400 }],
    fft: [{ power: 12, ms: 10 }, { power: 16, ms: 160 }],
    pairingMs: 3,
    witnessSpeed: { wires: 4096, ms: 2 },
    reference: null,
  };
}


describe('calibration history', () => {
  it('keeps every stored calibration, oldest first, up to its bound', async () => {
    for (let day = 1; day <= 6; day++) await appendCalibrationHistory(dataDir, calibration(day), 4);
    const { calibrations, skipped } = await readCalibrationHistory(dataDir);
    expect(calibrations.map((c) => c.measuredAt.slice(0, 10))).toEqual(['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']);
    expect(skipped).toBe(0);
  });

  it('skips a damaged line and counts it; the next calibration stored drops it and keeps the rest', async () => {
    await appendCalibrationHistory(dataDir, calibration(1));
    const file = calibrationHistoryFile(dataDir);
    await writeFile(file, `${await readFile(file, 'utf8')}{"formatVersion": 1, "cut sho\n`);
    expect((await readCalibrationHistory(dataDir)).skipped).toBe(1);
    await appendCalibrationHistory(dataDir, calibration(2));
    const { calibrations, skipped } = await readCalibrationHistory(dataDir);
    expect(calibrations.map((c) => c.measuredAt.slice(0, 10))).toEqual(['2026-11-01', '2026-11-02']);
    expect(skipped).toBe(0);
  });

  it('is empty in a data directory that never calibrated', async () => {
    expect(await readCalibrationHistory(dataDir)).toEqual({ calibrations: [], skipped: 0 });
  });
});

describe('bench results', () => {
  it('reads the runs npm run bench saved, oldest first, and skips files that are not runs', async () => {
    await mkdir(path.join(dataDir, 'bench'));
    await writeFile(path.join(dataDir, 'bench', 'proving-2026-11-22T10-00-00-000Z.json'), JSON.stringify(benchRunFixture('2026-11-22T10:00:00.000Z', 780, 'Test CPU')));
    await writeFile(path.join(dataDir, 'bench', 'proving-2026-11-20T10-00-00-000Z.json'), JSON.stringify(benchRunFixture('2026-11-20T10:00:00.000Z', 710, 'Test CPU')));
    await writeFile(path.join(dataDir, 'bench', 'notes.json'), '{"kind": "something else"}');
    await writeFile(path.join(dataDir, 'bench', 'proving-broken.json'), '{');
    const { runs, skipped } = await readBenchRuns(dataDir);
    expect(runs.map((r) => r.results[0]?.summary.c_zkdeskWarm.medianMs)).toEqual([710, 780]);
    expect(runs[0]?.file).toBe('proving-2026-11-20T10-00-00-000Z.json');
    expect(skipped).toBe(2);
  });

  it('is empty where no benchmark was ever run', async () => {
    expect(await readBenchRuns(dataDir)).toEqual({ runs: [], skipped: 0 });
  });
});
