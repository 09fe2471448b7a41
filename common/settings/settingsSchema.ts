// What the user can set, with a default for everything. The schema is the one place that says
// what a valid settings file is: the store, the CLI and the settings view all parse through it.
import { z } from 'zod';

export const helpDepthSchema = z.enum(['summary', 'details', 'expert']);
export type HelpDepth = z.infer<typeof helpDepthSchema>;

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), { message: 'must be an http(s) URL' });

/** Everything but the install id, which is made on first run rather than defaulted. */
export const settingsFieldsSchema = z.object({
  updateChannel: z.enum(['stable', 'beta']).default('stable'),
  workerCount: z.union([z.literal('auto'), z.number().int().min(1).max(64)]).default('auto'),
  /** Per-worker memory cap in MiB; null lets the pool size it from free memory. */
  workerMemoryCapMb: z.number().int().min(64).max(1_048_576).nullable().default(null),
  jobTimeoutSec: z.number().int().min(1).max(86_400).default(600),
  logMaxBytes: z.number().int().min(64 * 1024).max(1024 * 1024 * 1024).default(5 * 1024 * 1024),
  logRetentionDays: z.number().int().min(1).max(365).default(14),
  /** The lowest level written to the log files; `debug` adds each job's and worker's steps. */
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  feedbackEndpoint: httpUrl.nullable().default(null),
  /** A job predicted to take longer than this asks before it starts. */
  predictedTimeWarnSec: z.number().positive().max(86_400).default(30),
  /** The first-run guide was dismissed: it is not shown again, whichever host serves the UI. */
  firstRunDismissed: z.boolean().default(false),
  /** How much each help topic shows, by topic id. */
  helpDepth: z.record(z.string().min(1).max(200), helpDepthSchema).default({}),
  /** One of the team's own installs: flags and kill switches aimed at the `internal` cohort reach it (read when updates start). */
  internalCohort: z.boolean().default(false),
  /**
   * Health reports (main/services/health): `ask` until the user answers. Only `on` sends; a beta
   * tester is asked once, a stable install stays off unless the user turns it on.
   */
  healthReports: z.enum(['ask', 'on', 'off']).default('ask'),
  /** Where health reports go (a `zkdesk release collect` receiver); none keeps them in the outbox. */
  healthEndpoint: httpUrl.nullable().default(null),
});

export const settingsSchema = settingsFieldsSchema.extend({
  /** Anonymous, random, made on first run: lets support tell two bundles of one install apart from others. */
  installId: z.uuid(),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A change from the UI or CLI: any subset of fields, never the install id. */
export type SettingsPatch = Partial<z.infer<typeof settingsFieldsSchema>>;

type FieldName = keyof typeof settingsFieldsSchema.shape;

/**
 * Parses a patch field by field. (zod 4's `.partial()` would fill every absent field with its
 * default, and a patch that sets the theme would quietly reset everything else.)
 */
export function parseSettingsPatch(input: unknown): { ok: true; patch: SettingsPatch } | { ok: false; issues: string[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, issues: ['a patch is an object'] };
  const shape = settingsFieldsSchema.shape;
  const patch: Record<string, unknown> = {};
  const issues: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!Object.hasOwn(shape, key)) {
      issues.push(`${key}: not a setting`);
      continue;
    }
    if (value === undefined) continue;
    const parsed = shape[key as FieldName].safeParse(value);
    if (parsed.success) patch[key] = parsed.data;
    else issues.push(`${key}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, patch: patch as SettingsPatch };
}

export function defaultSettings(installId: string): Settings {
  return settingsSchema.parse({ installId });
}
