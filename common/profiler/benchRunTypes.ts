// One `npm run bench` result as bench/provingBench.ts saves it: zkdesk against its peers (plain
// snarkjs, and rapidsnark when its path is given), per circuit. Plain types and a schema (no
// Node), so the contract, the UI and the bench's baselines share them. Runs saved before
// percentiles and passes existed still parse: the newer fields are optional.
import { z } from 'zod';

const sampleSummary = z.object({ n: z.number().int().nonnegative(), p50: z.number(), p95: z.number(), max: z.number() });

const contestant = z.object({
  medianMs: z.number().nonnegative(),
  /** The largest peak seen over the rounds. */
  peakRssBytes: z.number().nullable().optional(),
  samplesMs: z.array(z.number()).optional(),
  timeMs: sampleSummary.optional(),
  peakBytes: sampleSummary.nullable().optional(),
});

/** One ratio of zkdesk to a peer, a value per round (both timed in that round): larger is worse. */
const measurement = z.object({
  id: z.string(),
  /** Contestant keys, as in `contestants`. */
  subject: z.string(),
  peer: z.string(),
  description: z.string(),
  ratios: z.array(z.number().positive()),
  ratio: sampleSummary,
  /** p50 peak of the subject over p50 peak of the peer, when both are known. */
  peakRatio: z.number().nullable(),
});

/** The rounds of one circuit under one condition: as the machine was, or with the bench's busy loops. */
const pass = z.object({
  condition: z.enum(['quiet', 'loaded']),
  /** Other work's runnable threads, the median of half-second probes before each round (the bench idle); null where unknown. */
  backgroundLoad: z.number().nullable(),
  busyLoops: z.number().int().nonnegative(),
  rounds: z.number().int().nonnegative(),
  contestants: z.record(z.string(), contestant),
  measurements: z.array(measurement),
});

export const benchMachineClassSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  cores: z.number().int().positive(),
  cpuModel: z.string(),
  flags: z.array(z.string()),
  backend: z.enum(['native', 'snarkjs']),
});

export const benchRunSchema = z.object({
  kind: z.literal('proving'),
  createdAt: z.string(),
  mode: z.enum(['quick', 'full']).optional(),
  machine: z.object({ cpu: z.string().nullable().optional(), cores: z.number().optional(), totalMemoryBytes: z.number().optional(), node: z.string().optional() }).optional(),
  machineClass: benchMachineClassSchema.optional(),
  results: z.array(
    z.object({
      circuit: z.string(),
      constraints: z.number().nullable().optional(),
      domainPower: z.number().nullable().optional(),
      rounds: z.number().int().nonnegative(),
      summary: z.object({ a_snarkjsCold: contestant, b_snarkjsWarm: contestant, c_zkdeskWarm: contestant, d_zkdeskCold: contestant }),
      ratios: z.object({ cOverB: z.number(), aOverC: z.number(), dOverA: z.number().optional() }),
      passes: z.array(pass).optional(),
    }),
  ),
});

export type BenchRunData = z.infer<typeof benchRunSchema>;
export type BenchRun = BenchRunData & { file: string };
export type BenchPass = z.infer<typeof pass>;
export type BenchMeasurement = z.infer<typeof measurement>;
export type BenchContestant = z.infer<typeof contestant>;
export type BenchMachineClass = z.infer<typeof benchMachineClassSchema>;
