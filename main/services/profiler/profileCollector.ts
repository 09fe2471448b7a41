// Collects a SystemProfile: every section probed at once, each under its own time limit, each
// checked against its schema, so the result is whole and valid even when parts of it are
// `unavailable`. Nothing here throws for a misbehaving machine.
import type { z } from 'zod';
import {
  PROFILE_SCHEMA_VERSION,
  cpuSectionSchema,
  diskSectionSchema,
  gpuSectionSchema,
  loadSectionSchema,
  memorySectionSchema,
  osSectionSchema,
  powerSectionSchema,
  runtimeSectionSchema,
  systemSectionSchema,
  type SystemProfile,
} from '../../../common/profiler/systemProfile.js';
import { sectionWithin } from './sectionTimeout.js';
import { computeFingerprint } from './fingerprint.js';
import { systeminformationProbes, type ProfileProbes, type SectionName } from './profileProbes.js';
import { createRedactor, processRedactionContext } from '../diagnostics/redact.js';

/**
 * Per-section limits. Most systeminformation calls answer in well under 600 ms; currentLoad
 * samples for 500 ms on its first call; nvidia-smi can take a second to wake a sleeping driver.
 * Load is sampled after the others, so a healthy profile costs the slowest probe plus half a
 * second (about 0.6 s on the 2-core development VM, bench/profileBench.ts) and a sick one at
 * most the GPU limit plus the load limit.
 */
export const DEFAULT_SECTION_LIMITS_MS: Record<SectionName, number> = {
  cpu: 1_200,
  memory: 1_000,
  gpu: 2_500,
  os: 1_200,
  system: 1_200,
  power: 1_200,
  load: 1_500,
  disk: 1_000,
  // Includes a worker's start, to hear which prover it uses (bounded below that in runtimeFacts).
  runtime: 2_500,
};

export interface CollectOptions {
  /** Where zkdesk keeps its data: free disk is measured there. */
  dataDir: string;
  probes?: Partial<ProfileProbes>;
  limitsMs?: Partial<Record<SectionName, number>>;
  now?: () => Date;
  /**
   * Cleans the reason of an unavailable section. Error messages carry paths (a home directory,
   * so a user name) and sometimes a host name; by default they pass the diagnostics redactor.
   */
  redactReason?: (reason: string) => string;
  /**
   * Given, a section that runs past its limit is labelled `retrying` and asked again in the
   * background; its final answer (filled in, or unavailable for good) arrives here.
   */
  onLateSection?: <N extends SectionName>(name: N, section: SystemProfile[N]) => void;
  /** Time for each background try (default DEFAULT_RETRY_LIMIT_MS). */
  retryLimitMs?: number;
  /** Fresh calls after the first try gives up (default DEFAULT_RETRIES). */
  retries?: number;
}

/** A busy machine answered within a few seconds in the reports; half a minute covers a very slow one. */
export const DEFAULT_RETRY_LIMIT_MS = 15_000;
export const DEFAULT_RETRIES = 2;

/** A probe's answer that does not match its schema (an extra key, a wrong type) is refused, never kept. */
function checked<S extends z.ZodType>(schema: S, name: string, section: unknown, redact: (reason: string) => string): z.infer<S> {
  const result = schema.safeParse(redactReasons(section, redact));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { status: 'unavailable', reason: `${name} probe returned malformed data${where}: ${issue?.message ?? 'invalid'}` } as z.infer<S>;
}

/** The reasons of an unavailable section, and of an unavailable nvidia-smi inside the GPU section. */
function redactReasons(section: unknown, redact: (reason: string) => string): unknown {
  if (!section || typeof section !== 'object') return section;
  const s = section as { status?: unknown; reason?: unknown; nvidia?: { status?: unknown; reason?: unknown } };
  if (s.status === 'unavailable' && typeof s.reason === 'string') return { ...s, reason: redact(s.reason) };
  if (s.nvidia?.status === 'unavailable' && typeof s.nvidia.reason === 'string') {
    return { ...s, nvidia: { ...s.nvidia, reason: redact(s.nvidia.reason) } };
  }
  return section;
}

/**
 * Only what the fingerprint reads (CPU, memory, OS; the runtime's architecture is this process's),
 * through the same probes, limits and checks as the whole profile: a few hundred ms instead of
 * its seconds, for a cold `zkdesk prove` that needs only to know which calibration is this machine's.
 */
export async function collectFingerprint(options: Pick<CollectOptions, 'probes' | 'limitsMs' | 'redactReason'> = {}): Promise<SystemProfile['fingerprint']> {
  const probes: ProfileProbes = { ...systeminformationProbes, ...options.probes };
  const limits = { ...DEFAULT_SECTION_LIMITS_MS, ...options.limitsMs };
  const redact = options.redactReason ?? createRedactor(processRedactionContext()).text;
  const section = <S extends z.ZodType, F extends object>(name: SectionName, schema: S, probe: () => Promise<F>): Promise<z.infer<S>> =>
    sectionWithin(name, limits[name], probe).then((s) => checked(schema, name, s, redact));
  const [cpu, memory, os] = await Promise.all([
    section('cpu', cpuSectionSchema, probes.cpu),
    section('memory', memorySectionSchema, probes.memory),
    section('os', osSectionSchema, probes.os),
  ]);
  return computeFingerprint({ cpu, memory, os, runtimeArch: process.arch });
}

export async function collectSystemProfile(options: CollectOptions): Promise<SystemProfile> {
  const probes: ProfileProbes = { ...systeminformationProbes, ...options.probes };
  const limits = { ...DEFAULT_SECTION_LIMITS_MS, ...options.limitsMs };
  const now = options.now ?? (() => new Date());
  const redact = options.redactReason ?? createRedactor(processRedactionContext()).text;
  const started = performance.now();
  const collectedAt = now().toISOString();

  // Sections as they stand; one that answers late (see sectionTimeout.ts) replaces its placeholder
  // here while the profile is still being assembled, and goes to onLateSection once it is returned.
  let returned = false;
  const sections: Partial<Record<SectionName, unknown>> = {};
  const section = <S extends z.ZodType, F extends object>(name: SectionName, schema: S, probe: () => Promise<F>): Promise<z.infer<S>> => {
    const late = options.onLateSection
      ? {
          retryLimitMs: options.retryLimitMs ?? DEFAULT_RETRY_LIMIT_MS,
          retries: options.retries ?? DEFAULT_RETRIES,
          onAnswer: (answer: unknown) => {
            const value = checked(schema, name, answer, redact);
            if (returned) options.onLateSection?.(name, value as SystemProfile[typeof name]);
            else sections[name] = value;
          },
        }
      : undefined;
    return sectionWithin(name, limits[name], probe, late).then((s) => {
      const value = checked(schema, name, s, redact);
      sections[name] ??= value;
      return value;
    });
  };

  await Promise.all([
    section('cpu', cpuSectionSchema, probes.cpu),
    section('memory', memorySectionSchema, probes.memory),
    section('gpu', gpuSectionSchema, probes.gpu),
    section('os', osSectionSchema, probes.os),
    section('system', systemSectionSchema, probes.system),
    section('power', powerSectionSchema, probes.power),
    section('disk', diskSectionSchema, () => probes.disk(options.dataDir)),
    section('runtime', runtimeSectionSchema, probes.runtime),
  ]);
  // Load is sampled once the other probes are done: measured alongside them it mostly saw the
  // profiler's own processes (57 % instead of 13 % on an idle 2-core VM).
  await section('load', loadSectionSchema, probes.load);
  returned = true;

  const s = sections as Pick<SystemProfile, SectionName>;
  const facts = { cpu: s.cpu, memory: s.memory, gpu: s.gpu, os: s.os, system: s.system, power: s.power, load: s.load, disk: s.disk, runtime: s.runtime };
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    collectedAt,
    collectMs: Math.round(performance.now() - started),
    fingerprint: fingerprintOf(facts),
    ...facts,
  };
}

function fingerprintOf(profile: Pick<SystemProfile, 'cpu' | 'memory' | 'os' | 'runtime'>): SystemProfile['fingerprint'] {
  return computeFingerprint({
    cpu: profile.cpu,
    memory: profile.memory,
    os: profile.os,
    runtimeArch: profile.runtime.status === 'ok' ? profile.runtime.arch : process.arch,
  });
}

/** The profile with one section filled in late, its fingerprint worked out again (it reads CPU, memory and OS). */
export function withLateSection<N extends SectionName>(profile: SystemProfile, name: N, section: SystemProfile[N]): SystemProfile {
  const updated = { ...profile, [name]: section };
  return { ...updated, fingerprint: fingerprintOf(updated) };
}

/**
 * The profile once every section that ran past its limit has given its final answer (filled in,
 * or unavailable for good): for a one-shot reader (`zkdesk profile`) on a busy machine, which
 * would otherwise print "unavailable" for probes that answer a second later.
 */
export async function collectWholeProfile(options: Omit<CollectOptions, 'onLateSection'>): Promise<SystemProfile> {
  const answers: Array<(profile: SystemProfile) => SystemProfile> = [];
  let arrived: () => void = () => {};
  const profile = await collectSystemProfile({
    ...options,
    onLateSection: (name, section) => {
      answers.push((p) => withLateSection(p, name, section));
      arrived();
    },
  });
  const retrying = (Object.keys(DEFAULT_SECTION_LIMITS_MS) as SectionName[]).filter((name) => {
    const section = profile[name];
    return section.status === 'unavailable' && section.retrying === true;
  }).length;
  while (answers.length < retrying) await new Promise<void>((resolve) => (arrived = resolve));
  return answers.reduce((p, fill) => fill(p), profile);
}
