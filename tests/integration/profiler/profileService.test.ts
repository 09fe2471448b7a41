// The profile as the app uses it (main/services/profiler/profileService.ts), over the real
// collector: reused while fresh, one collection shared by callers that arrive meanwhile, dropped
// when the renderer reports WebGPU, and never sampled while our own worker is starting.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileService } from '../../../main/services/profiler/profileService.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-profiles-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe('the profile service', () => {
  it('gives the same profile again while it is fresh, and a new one when asked for a fresh one', async () => {
    const profiles = new ProfileService({ dataDir, proving: () => false });
    const first = await profiles.current();
    expect(await profiles.current()).toBe(first);
    const fresh = await profiles.current({ fresh: true });
    expect(fresh).not.toBe(first);
    expect(await profiles.current()).toBe(fresh);
  });

  it('collects once for callers that ask at the same time', async () => {
    let samples = 0;
    const profiles = new ProfileService({ dataDir, proving: () => (samples++, false) });
    const [a, b] = await Promise.all([profiles.current({ fresh: true }), profiles.current({ fresh: true })]);
    expect(a).toBe(b);
    // proving() is asked before and after one collection.
    expect(samples).toBe(2);
  });

  it('collects again after the renderer reports WebGPU, and remembers whether our proofs ran meanwhile', async () => {
    let proving = false;
    const profiles = new ProfileService({ dataDir, proving: () => proving });
    const first = await profiles.current();
    expect(profiles.ownProofsDuringLast).toBe(false);
    proving = true;
    profiles.recordWebGpu({ adapter: false });
    const second = await profiles.current();
    expect(second).not.toBe(first);
    expect(profiles.ownProofsDuringLast).toBe(true);
  });

  it('does not sample the machine while work outside sampling (a worker starting) runs', async () => {
    const events: string[] = [];
    const profiles = new ProfileService({ dataDir, proving: () => (events.push('sample'), false) });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const work = profiles.outsideSampling(async () => {
      events.push('work started');
      await released;
      events.push('work done');
      return 'started';
    });
    const profile = profiles.current();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['work started']);
    release();
    expect(await work).toBe('started');
    await profile;
    expect(events.slice(0, 3)).toEqual(['work started', 'work done', 'sample']);
  });
});
