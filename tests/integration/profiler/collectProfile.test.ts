// The profile of this very machine, collected with real systeminformation, and the collector's
// behaviour when a probe hangs, fails or answers with something it must not keep.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import si from 'systeminformation';
import { collectFingerprint, collectSystemProfile, collectWholeProfile } from '../../../main/services/profiler/profileCollector.js';
import { systemProfileSchema, type SystemProfile } from '../../../common/profiler/systemProfile.js';
import type { CpuFacts } from '../../../common/profiler/systemProfile.js';
import { selectNativeProver } from '../../../native-workers/nativeGroth16.js';
import { workerRuntimeProbe } from '../../../main/cli/workerRuntimeProbe.js';

let tmp: string;
let profile: SystemProfile;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-profile-'));
  // As `zkdesk profile` collects it: a worker says which prover it uses; on a busy machine a real
  // probe may run past its first limit, so the profile is taken whole, its late parts waited for.
  profile = await collectWholeProfile({ dataDir: path.join(tmp, 'data'), probes: workerRuntimeProbe });
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

/** Every string in the profile, keys included. */
function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      strings(v, into);
    }
  }
  return into;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the real profile of this machine', () => {
  it('is a valid profile with every section read', () => {
    const result = systemProfileSchema.safeParse(profile);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    const unavailable = Object.entries(profile).filter(([, v]) => (v as { status?: string })?.status === 'unavailable');
    expect(unavailable).toEqual([]);
    expect(profile.fingerprint.complete).toBe(true);
  });

  it("has the fingerprint the three probes it reads give alone: a cold `zkdesk prove` finds the calibration the whole profile keyed", async () => {
    expect(await collectFingerprint()).toEqual(profile.fingerprint);
  });

  it('says which prover this machine proves with, as a worker reported it', () => {
    if (profile.runtime.status !== 'ok') throw new Error('runtime missing');
    const report = selectNativeProver().report;
    expect(profile.runtime).toMatchObject({ proverBackend: report.backend, proverBinary: report.binary, proverReason: report.reason });
  });

  it('describes this machine as Node and the OS see it', () => {
    if (profile.cpu.status !== 'ok' || profile.memory.status !== 'ok' || profile.runtime.status !== 'ok' || profile.os.status !== 'ok') throw new Error('sections missing');
    expect(profile.cpu.logicalCores).toBe(os.cpus().length);
    expect(Math.abs(profile.memory.totalBytes - os.totalmem())).toBeLessThan(64 * 1024 * 1024);
    expect(profile.os.platform).toBe(process.platform);
    expect(profile.runtime).toMatchObject({ node: process.versions.node, arch: process.arch, electron: null, availableParallelism: os.availableParallelism() });
    expect(profile.disk).toMatchObject({ status: 'ok', measuredAt: 'ancestor' });
  });

  it('contains none of the identifying values of this machine', async () => {
    const [osInfo, system, siInterfaces] = await Promise.all([si.osInfo(), si.system(), si.networkInterfaces()]);
    const macs = [
      ...Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.mac)),
      ...(Array.isArray(siInterfaces) ? siInterfaces : [siInterfaces]).map((i) => i.mac),
    ];
    const identifiers = [os.hostname(), os.userInfo().username, osInfo.hostname, osInfo.fqdn, osInfo.serial, system.serial, system.uuid, ...macs]
      .map((s) => (s ?? '').trim())
      // Placeholders such as '' or '-' identify nothing.
      .filter((s) => s.length >= 2);
    expect(identifiers.length).toBeGreaterThanOrEqual(3);

    const json = JSON.stringify(profile);
    const leaves = strings(profile);
    for (const id of new Set(identifiers)) {
      if (id.length >= 6) {
        expect(json.toLowerCase(), `profile contains ${id}`).not.toContain(id.toLowerCase());
      } else {
        // A short name ('vm', 'root') is checked as a whole word, or 'KVM' would look like a leak.
        const word = new RegExp(`(^|[^a-z0-9])${escape(id)}($|[^a-z0-9])`, 'i');
        expect(leaves.filter((s) => word.test(s)), `profile contains ${id}`).toEqual([]);
      }
    }
  });
});

describe('a probe that misbehaves costs only its own section', () => {
  it('a CPU probe that never answers comes back unavailable, the rest present', async () => {
    const hung = await collectSystemProfile({
      dataDir: tmp,
      probes: { cpu: () => new Promise<CpuFacts>(() => {}) },
      // Only the CPU probe is meant to time out: on a busy machine a real probe can take well
      // over its usual limit, so the others get all the time they need to answer.
      limitsMs: { cpu: 300, memory: 60_000, gpu: 60_000, os: 60_000, system: 60_000, power: 60_000, load: 60_000, disk: 60_000, runtime: 60_000 },
    });
    expect(hung.cpu).toEqual({ status: 'unavailable', reason: 'cpu probe gave no answer within 300 ms' });
    for (const name of ['memory', 'gpu', 'os', 'system', 'power', 'load', 'disk', 'runtime'] as const) {
      expect(hung[name].status, name).toBe('ok');
    }
    expect(hung.fingerprint).toMatchObject({ complete: false, facts: { cpuBrand: null } });
    expect(systemProfileSchema.safeParse(hung).success).toBe(true);
  });

  it('a probe that throws is unavailable with its reason', async () => {
    const failed = await collectWholeProfile({
      dataDir: tmp,
      probes: {
        memory: async () => {
          throw new Error('EACCES: permission denied, open /proc/meminfo');
        },
      },
    });
    expect(failed.memory).toEqual({ status: 'unavailable', reason: 'memory probe failed: EACCES: permission denied, open /proc/meminfo' });
    expect(failed.cpu.status).toBe('ok');
  });

  it("keeps a failing probe's reason but not the home directory in it", async () => {
    const home = path.join(os.homedir(), '.config', 'zkdesk');
    const failed = await collectWholeProfile({
      dataDir: tmp,
      probes: {
        disk: async () => {
          throw new Error(`EACCES: permission denied, statfs '${home}'`);
        },
      },
    });
    expect(failed.disk.status === 'unavailable' && failed.disk.reason).toMatch(/^disk probe failed: EACCES: permission denied, statfs '\[home\]/);
    expect(JSON.stringify(failed)).not.toContain(os.homedir() + '/');
  });

  it('a probe that answers with a field the profile does not name (a serial) is refused, not kept', async () => {
    const leaky = await collectSystemProfile({
      dataDir: tmp,
      probes: {
        system: async () => ({ manufacturer: 'LENOVO', model: '20XX', virtual: false, virtualHost: null, serial: 'PF2ABCDE' }) as never,
      },
    });
    expect(leaky.system.status).toBe('unavailable');
    expect(JSON.stringify(leaky)).not.toContain('PF2ABCDE');
  });
});
