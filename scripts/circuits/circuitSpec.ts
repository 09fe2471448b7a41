// `<circuitsDir>/<id>/circuit.json`: what the build cannot read from the circom source.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const circuitSpecSchema = z.object({
  title: z.string().min(1),
  description: z.string().default(''),
  /** The power of tau the ceremony starts from; a larger prepared file is used when that is all there is. */
  ptauPower: z.number().int().min(1).max(28),
  /** false for circuits whose keys are too big for git: built only with --include-large. */
  committed: z.boolean(),
});

export type CircuitSpec = z.infer<typeof circuitSpecSchema>;

export async function readCircuitSpec(circuitDir: string): Promise<CircuitSpec> {
  const file = path.join(circuitDir, 'circuit.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is missing or not valid JSON: ${(error as Error).message}`);
  }
  const parsed = circuitSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${file} is invalid: ${problems}`);
  }
  return parsed.data;
}
