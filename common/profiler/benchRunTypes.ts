// One `npm run bench` result as bench/provingBench.ts saves it: zkdesk against plain snarkjs,
// per circuit. Plain types and a schema (no Node), so the contract and the UI can share them.
import { z } from 'zod';

const contestant = z.object({ medianMs: z.number().nonnegative(), peakRssBytes: z.number().nullable().optional(), samplesMs: z.array(z.number()).optional() });

export const benchRunSchema = z.object({
  kind: z.literal('proving'),
  createdAt: z.string(),
  machine: z.object({ cpu: z.string().nullable().optional(), cores: z.number().optional(), totalMemoryBytes: z.number().optional(), node: z.string().optional() }).optional(),
  results: z.array(
    z.object({
      circuit: z.string(),
      constraints: z.number().nullable().optional(),
      domainPower: z.number().nullable().optional(),
      rounds: z.number().int().nonnegative(),
      summary: z.object({ a_snarkjsCold: contestant, b_snarkjsWarm: contestant, c_zkdeskWarm: contestant, d_zkdeskCold: contestant }),
      ratios: z.object({ cOverB: z.number(), aOverC: z.number() }),
    }),
  ),
});

export type BenchRun = z.infer<typeof benchRunSchema> & { file: string };
