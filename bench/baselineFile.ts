// Baselines kept in the repository (bench/baselines/<machine class>.json), written by
// `npm run bench -- --save-baseline`. They hold ratios to peers measured in the same run, never
// absolute times: absolute times move from machine to machine and from run to run, while zkdesk's
// time over snarkjs's (or rapidsnark's) in the same round moves only when one of them changes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { benchMachineClassSchema, type BenchRunData } from '../common/profiler/benchRunTypes.js';

const baselineMeasurementSchema = z.object({
  circuit: z.string(),
  id: z.string(),
  condition: z.enum(['quiet', 'loaded']),
  backgroundLoad: z.number().nullable(),
  description: z.string(),
  ratios: z.array(z.number().positive()).min(1),
});

export const baselineSchema = z.object({
  formatVersion: z.literal(1),
  machineClass: benchMachineClassSchema,
  savedAt: z.string(),
  /** The run it was taken from (its createdAt), and that run's mode. */
  fromRun: z.string(),
  mode: z.enum(['quick', 'full']).optional(),
  node: z.string().optional(),
  measurements: z.array(baselineMeasurementSchema),
});

export type Baseline = z.infer<typeof baselineSchema>;
export type BaselineMeasurement = z.infer<typeof baselineMeasurementSchema>;

export function baselineFile(dir: string, classId: string): string {
  return path.join(dir, `${classId}.json`);
}

/** The baseline for a machine class, or null when the class has none. A damaged file is an error: it is ours, in git. */
export async function readBaseline(dir: string, classId: string): Promise<Baseline | null> {
  let text: string;
  try {
    text = await readFile(baselineFile(dir, classId), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return baselineSchema.parse(JSON.parse(text));
}

/** Every ratio sample of a run, as a baseline for its machine class. */
export function baselineFromRun(run: BenchRunData, savedAt: string): Baseline {
  if (!run.machineClass) throw new Error('this run does not say which machine class measured it');
  return {
    formatVersion: 1,
    machineClass: run.machineClass,
    savedAt,
    fromRun: run.createdAt,
    ...(run.mode ? { mode: run.mode } : {}),
    ...(run.machine?.node ? { node: run.machine.node } : {}),
    measurements: run.results.flatMap((result) =>
      (result.passes ?? []).flatMap((pass) =>
        pass.measurements.map((m) => ({
          circuit: result.circuit,
          id: m.id,
          condition: pass.condition,
          backgroundLoad: pass.backgroundLoad,
          description: m.description,
          ratios: m.ratios.map((r) => Math.round(r * 10_000) / 10_000),
        })),
      ),
    ),
  };
}

export async function writeBaseline(dir: string, baseline: Baseline): Promise<string> {
  const file = baselineFile(dir, baseline.machineClass.id);
  await mkdir(dir, { recursive: true });
  await writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`);
  return file;
}
