// A profile that arrives in parts: a section whose probe runs past its limit is labelled
// `retrying`, the probe is given more time (and asked again) in the background, and the real
// answer fills the section in. The probes are the real systeminformation ones; a gate holds
// each back until the profile has been returned, so "late" is a state, not a race with a clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { collectSystemProfile, withLateSection } from '../../../main/services/profiler/profileCollector.js';
import { systeminformationProbes } from '../../../main/services/profiler/profileProbes.js';
import { systemProfileSchema, type SystemProfile } from '../../../common/profiler/systemProfile.js';
import { sectionWithin, type Section } from '../../../main/services/profiler/sectionTimeout.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-profile-parts-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

function gate(): { open(): void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

type Late = { name: string; section: SystemProfile[keyof Pick<SystemProfile, 'cpu' | 'memory'>] };

function lateAnswers(count: number): { received: Late[]; all: Promise<Late[]>; onLateSection: (name: string, section: unknown) => void } {
  const received: Late[] = [];
  let done!: (value: Late[]) => void;
  const all = new Promise<Late[]>((resolve) => (done = resolve));
  return {
    received,
    all,
    // Only the gated sections count: on a busy machine another real probe may be late too.
    onLateSection: (name, section) => {
      if (name !== 'cpu' && name !== 'memory') return;
      received.push({ name, section: section as Late['section'] });
      if (received.length === count) done(received);
    },
  };
}

describe('a profile that arrives in parts', () => {
  it('labels the sections that ran past their limit, then fills them in with the real answers', async () => {
    const held = gate();
    const late = lateAnswers(2);
    const profile = await collectSystemProfile({
      dataDir: path.join(tmp, 'data'),
      limitsMs: { cpu: 50, memory: 50 },
      probes: {
        cpu: async () => {
          await held.opened;
          return systeminformationProbes.cpu();
        },
        memory: async () => {
          await held.opened;
          return systeminformationProbes.memory();
        },
      },
      onLateSection: late.onLateSection,
    });
    expect(profile.cpu).toMatchObject({ status: 'unavailable', retrying: true, reason: expect.stringContaining('still trying in the background') });
    expect(profile.memory).toMatchObject({ status: 'unavailable', retrying: true });
    expect(systemProfileSchema.safeParse(profile).success).toBe(true);
    expect(profile.fingerprint.complete).toBe(false);

    held.open();
    let filled = profile;
    for (const { name, section } of await late.all) filled = withLateSection(filled, name as 'cpu' | 'memory', section);
    expect(filled.cpu.status).toBe('ok');
    expect(filled.memory.status).toBe('ok');
    if (filled.cpu.status === 'ok') expect(filled.cpu.logicalCores).toBe(os.cpus().length);
    // With CPU and memory in, the fingerprint is whole again: calibration can key on it.
    expect(filled.fingerprint.complete).toBe(filled.os.status === 'ok');
    expect(systemProfileSchema.safeParse(filled).success).toBe(true);
  });

  it('asks a probe that failed in the background again, and gives up with a reason when it never answers', async () => {
    let calls = 0;
    const firstFails = gate();
    const answered = new Promise<Section<object>>((resolve) =>
      // The first call fails once it has missed its limit; the retry in the background answers for real.
      void sectionWithin(
        'cpu',
        50,
        () => (++calls === 1 ? firstFails.opened.then(() => Promise.reject(new Error('driver busy'))) : systeminformationProbes.cpu()),
        { retryLimitMs: 60_000, retries: 2, onAnswer: resolve },
      ).then((first) => {
        expect(first).toMatchObject({ status: 'unavailable', retrying: true });
        firstFails.open();
      }),
    );
    expect((await answered).status).toBe('ok');
    expect(calls).toBe(2);

    const gaveUp = new Promise<Section<object>>((resolve) => void sectionWithin('memory', 20, () => new Promise<never>(() => {}), { retryLimitMs: 50, retries: 2, onAnswer: resolve }));
    expect(await gaveUp).toEqual({ status: 'unavailable', reason: 'memory probe gave no answer, even given 50 ms in the background (3 tries)' });
  });

  it('without a listener for late answers, a slow section is simply unavailable (the CLI prints once)', async () => {
    const profile = await collectSystemProfile({ dataDir: path.join(tmp, 'data'), limitsMs: { memory: 20 }, probes: { memory: () => new Promise<never>(() => {}) } });
    expect(profile.memory).toEqual({ status: 'unavailable', reason: 'memory probe gave no answer within 20 ms' });
  });
});
