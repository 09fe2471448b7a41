// The watcher's thresholds: a JSON file (`release watch --config`), every field optional, each
// with a default chosen so that a halt means "clearly worse", not "unlucky". Unknown fields are
// refused, so a misspelt threshold is an error rather than silently the default.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ZkError } from '../../../common/errors.js';

export const canaryConfigSchema = z
  .object({
    /** Reporting installs the new release needs before the watcher decides anything. */
    minInstalls: z.number().int().min(1).default(20),
    /** Proofs the new release needs before the watcher decides anything. */
    minProofs: z.number().int().min(1).default(200),
    /** Two-sided confidence of each rate's interval. */
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    /**
     * Worse means: the new release's interval lies wholly above the previous one's, and its rate
     * is higher by at least this many per 100 proofs (a real but tiny difference is no reason to halt).
     */
    minIncreasePer100: z.number().min(0).max(100).default(1),
    /** With no previous release to compare with, halt when the interval lies wholly above these. */
    maxFailuresPer100: z.number().min(0).max(100).default(10),
    maxCrashesPer100: z.number().min(0).max(100).default(2),
  })
  .strict();

export type CanaryConfig = z.infer<typeof canaryConfigSchema>;

export const defaultCanaryConfig: CanaryConfig = canaryConfigSchema.parse({});

export async function loadCanaryConfig(file: string | undefined): Promise<CanaryConfig> {
  if (file === undefined) return defaultCanaryConfig;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ZkError('E_RELEASE_REFUSED', `The watch config ${file} cannot be read as JSON.`, { reason: String(error) });
  }
  const parsed = canaryConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ZkError('E_RELEASE_REFUSED', `The watch config ${file} is not valid.`, { field: issue?.path.join('.'), issue: issue?.message });
  }
  return parsed.data;
}
