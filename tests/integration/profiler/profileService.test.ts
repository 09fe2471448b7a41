// The profile as the app uses it (main/services/profiler/profileService.ts), over the real
// collector: reused while fresh, one collection shared by callers that arrive meanwhile, dropped
// when the renderer reports WebGPU, and never sampled while our own worker is starting.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileService } from '../../../main/services/profiler/profileService.js';
import { systeminformationProbes } from '../../../main/services/profiler/profileProbes.js';
import type { SystemProfile } from '../../../common/profiler/systemProfile.js';

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

describe('the profile service, when a section answers late', () => {
  function gate(): { open(): void; opened: Promise<void> } {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  it('fills the cached profile in, tells its listeners, and settled() waits for it', async () => {
    const held = gate();
    const profiles = new ProfileService({
      dataDir,
      proving: () => false,
      // The real probe, held back until the profile has been returned: "late" is a state, not a race.
      collector: {
        limitsMs: { memory: 50 },
        probes: {
          memory: async () => {
            await held.opened;
            return systeminformationProbes.memory();
          },
        },
      },
    });
    const updates: SystemProfile[] = [];
    profiles.onUpdated((profile) => updates.push(profile));
    const first = await profiles.current();
    expect(first.memory).toMatchObject({ status: 'unavailable', retrying: true });
    const settled = profiles.settled(600_000);
    held.open();
    const whole = await settled;
    expect(whole.memory.status).toBe('ok');
    expect(await profiles.current()).toBe(whole);
    expect(updates.at(-1)?.memory.status).toBe('ok');
  });

  it('carries what cannot change (the CPU) over from the previous profile while it is asked again', async () => {
    let held: { open(): void; opened: Promise<void> } | null = null;
    const profiles = new ProfileService({
      dataDir,
      proving: () => false,
      collector: {
        limitsMs: { cpu: 50 },
        probes: {
          cpu: async () => {
            if (held) await held.opened;
            return systeminformationProbes.cpu();
          },
        },
      },
    });
    // On a busy machine even the first answer may be late: wait for it.
    const first = await profiles.settled(600_000);
    expect(first.cpu.status).toBe('ok');
    held = gate();
    const second = await profiles.current({ fresh: true });
    expect(second.cpu).toEqual(first.cpu);
    held.open();
  });

  it('gives the runtime section the prover the workers report', async () => {
    const profiles = new ProfileService({
      dataDir,
      proving: () => false,
      workerBackend: async () => ({ backend: 'native', binary: 'linux-x64/zkdesk-prover', field: 'asm', reason: 'the asm build runs here' }),
    });
    const profile = await profiles.settled(600_000);
    expect(profile.runtime).toMatchObject({ status: 'ok', proverBackend: 'native', proverBinary: 'linux-x64/zkdesk-prover' });
  });
});
