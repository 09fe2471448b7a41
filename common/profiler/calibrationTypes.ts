// How fast this machine proves, measured, and what the estimator makes of it. Plain types and
// a schema (no Node), so the calibration file, bundles and the UI share one shape.
import { z } from 'zod';

const timing = z.object({ power: z.number().int(), ms: z.number().nonnegative() });

export const calibrationSchema = z.object({
  formatVersion: z.literal(1),
  /** The profile fingerprint it was measured under: a different machine means measure again. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  measuredAt: z.string(),
  durationMs: z.number().nonnegative(),
  threads: z.number().int().positive(),
  g1Msm: z.array(timing).min(2),
  g2Msm: z.array(timing).min(2),
  /** One inverse and one forward FFT of each size. */
  fft: z.array(timing).min(2),
  pairingMs: z.number().nonnegative(),
  /** The prover the reference proof ran on: a calibration of the other one says little about this one. */
  backend: z.enum(['native', 'snarkjs']).optional(),
  /** Witness generation of the reference circuit (named so redaction, which drops proof inputs, keeps it). */
  witnessSpeed: z.object({ wires: z.number().int().positive(), ms: z.number().nonnegative() }).nullable(),
  /** A real proof of a bundled circuit: ties the operation costs to what snarkjs really spends. */
  reference: z
    .object({
      circuitId: z.string(),
      wires: z.number().int().positive(),
      domainPower: z.number().int().positive(),
      publicSignals: z.number().int().nonnegative(),
      zkeyBytes: z.number().int().positive(),
      witnessMs: z.number().nonnegative(),
      proveMs: z.number().nonnegative(),
      verifyMs: z.number().nonnegative(),
      peakRssBytes: z.number().int().nonnegative(),
    })
    .nullable(),
});

export type Calibration = z.infer<typeof calibrationSchema>;

/** A circuit's size, as the estimator needs it. */
export interface CircuitShape {
  circuitId: string;
  /** sha256 of the proving key, to find this exact circuit in the job history. */
  zkeySha256: string | null;
  constraints: number | null;
  wires: number;
  domainPower: number;
  publicSignals: number;
  zkeyBytes: number;
}

/** A prediction with everything that went into it, so a person can check it. */
export interface EstimateBreakdown {
  witnessMs: number;
  proveMs: number;
  verifyMs: number;
  totalMs: number;
  peakMemoryBytes: number;
  inputs: { wires: number; domainPower: number; publicSignals: number; zkeyBytes: number; threads: number | null };
  /** The operation costs of the model, before the correction factor. */
  model: { g1MsmMs: number; g2MsmMs: number; fftMs: number; modelProveMs: number } | null;
  /** measured / model: from the reference proof, or from recent jobs on this machine. */
  correction: { factor: number; source: string } | null;
  /** Where each figure came from, in words. */
  basis: { time: string; memory: string };
}
