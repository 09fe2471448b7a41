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
  runtime: 1_200,
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
}

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

export async function collectSystemProfile(options: CollectOptions): Promise<SystemProfile> {
  const probes: ProfileProbes = { ...systeminformationProbes, ...options.probes };
  const limits = { ...DEFAULT_SECTION_LIMITS_MS, ...options.limitsMs };
  const now = options.now ?? (() => new Date());
  const redact = options.redactReason ?? createRedactor(processRedactionContext()).text;
  const started = performance.now();
  const collectedAt = now().toISOString();

  const [cpu, memory, gpu, os, system, power, disk, runtime] = await Promise.all([
    sectionWithin('cpu', limits.cpu, probes.cpu).then((s) => checked(cpuSectionSchema, 'cpu', s, redact)),
    sectionWithin('memory', limits.memory, probes.memory).then((s) => checked(memorySectionSchema, 'memory', s, redact)),
    sectionWithin('gpu', limits.gpu, probes.gpu).then((s) => checked(gpuSectionSchema, 'gpu', s, redact)),
    sectionWithin('os', limits.os, probes.os).then((s) => checked(osSectionSchema, 'os', s, redact)),
    sectionWithin('system', limits.system, probes.system).then((s) => checked(systemSectionSchema, 'system', s, redact)),
    sectionWithin('power', limits.power, probes.power).then((s) => checked(powerSectionSchema, 'power', s, redact)),
    sectionWithin('disk', limits.disk, () => probes.disk(options.dataDir)).then((s) => checked(diskSectionSchema, 'disk', s, redact)),
    sectionWithin('runtime', limits.runtime, probes.runtime).then((s) => checked(runtimeSectionSchema, 'runtime', s, redact)),
  ]);
  // Load is sampled once the other probes are done: measured alongside them it mostly saw the
  // profiler's own processes (57 % instead of 13 % on an idle 2-core VM).
  const load = await sectionWithin('load', limits.load, probes.load).then((s) => checked(loadSectionSchema, 'load', s, redact));

  const fingerprint = computeFingerprint({
    cpu,
    memory,
    os,
    runtimeArch: runtime.status === 'ok' ? runtime.arch : process.arch,
  });

  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    collectedAt,
    collectMs: Math.round(performance.now() - started),
    fingerprint,
    cpu,
    memory,
    gpu,
    os,
    system,
    power,
    load,
    disk,
    runtime,
  };
}
