// The job history on a real full disk (a small tmpfs): the proof stands, and the job says its
// record was not saved, so the app can tell the user instead of the job silently missing.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { JobHistory } from '../../../main/services/prover/jobHistory.js';
import { makeHarness, registry, releaseCurve, sampleInput, type Harness } from '../../support/proverHarness.js';
import { mountSmallDisk, type SmallDisk } from '../../support/smallDisk.js';

let h: Harness | undefined;
let disk: SmallDisk | null = null;

afterEach(async () => {
  await h?.close();
  h = undefined;
  await disk?.release();
  disk = null;
});
afterAll(releaseCurve);

describe('job history on a full disk', () => {
  it('a verified proof on a full disk stays verified, and its job carries E_DISK_FULL for the history', async (ctx) => {
    disk = await mountSmallDisk();
    if (!disk) return ctx.skip();
    await disk.fill();
    h = await makeHarness({ history: new JobHistory(disk.dir) });
    const handle = await h.prover.submit({ circuit: await registry.resolve('stress-12'), input: await sampleInput('stress-12') });
    expect((await handle.result).verified).toBe(true);
    const job = h.prover.jobs().find((j) => j.jobId === handle.jobId);
    expect(job?.state).toBe('verified');
    expect(job?.historyError).toMatchObject({ code: 'E_DISK_FULL', helpId: 'errors/E_DISK_FULL' });
  });
});
