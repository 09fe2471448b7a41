// `zkdesk prove` keeps the proof's prediction with its job in the history, as the app does, so
// Benchmarks can set predicted against measured for proofs made on the command line too.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';
import { JobHistory } from '../../../main/services/prover/jobHistory.js';

const run = promisify(execFile);
const zkdesk = path.join(projectRoot(), 'bin', 'zkdesk.js');
let dataDir: string;

async function cli(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [zkdesk, '--data-dir', dataDir, ...args]);
  return stdout;
}

interface ProveReport {
  jobId: string;
  verified: boolean;
  predictedMs: number | null;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-cli-predicted-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe('zkdesk prove and the prediction', () => {
  it('keeps no prediction before calibration, then the estimate with the job once the machine is calibrated', async () => {
    const before = JSON.parse(await cli(['--json', 'prove', '--circuit', 'stress-12', '--sample'])) as ProveReport;
    expect(before.verified).toBe(true);
    expect(before.predictedMs).toBeNull();

    await cli(['--json', 'calibrate']);
    const after = JSON.parse(await cli(['--json', 'prove', '--circuit', 'stress-12', '--sample'])) as ProveReport;
    expect(after.verified).toBe(true);
    expect(after.predictedMs).toBeGreaterThan(0);

    const records = await new JobHistory(dataDir).read();
    const byJob = new Map(records.map((r) => [r.jobId, r]));
    expect(byJob.get(before.jobId)?.predictedMs).toBeNull();
    // The history holds the number the command printed: the estimate the proof was made with.
    expect(byJob.get(after.jobId)?.predictedMs).toBe(after.predictedMs);
  }, 240_000);
});
