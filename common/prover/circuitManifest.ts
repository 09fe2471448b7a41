// The manifest of a circuit package: the bundled circuits' build/ folders and a user's own
// package share this one format, so one loader and one validator serve both.
import { z } from 'zod';

export const MANIFEST_FORMAT_VERSION = 1;
export const DEVELOPMENT_CEREMONY = 'development, not for production';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lowercase hex');

const artifactEntry = z.object({
  file: z.string().min(1).refine((f) => !f.includes('/') && !f.includes('\\') && f !== '..', 'a plain file name'),
  sha256: sha256Hex,
  bytes: z.number().int().nonnegative(),
});

export const inputSignalSchema = z.object({
  /** The signal's name in the main component, without `main.`. */
  name: z.string().min(1),
  /** Array dimensions; [] for a single field element. */
  dims: z.array(z.number().int().positive()),
  public: z.boolean(),
});

export const circuitManifestSchema = z.object({
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes'),
  title: z.string().min(1),
  description: z.string().default(''),
  protocol: z.literal('groth16'),
  curve: z.literal('bn128'),
  constraints: z.number().int().positive(),
  wires: z.number().int().positive(),
  /** log2 of the Groth16 evaluation domain (the proving key's domainSize). */
  domainPower: z.number().int().min(1).max(28),
  /** Names of the public signals in the order snarkjs writes public.json (outputs first). */
  publicSignals: z.array(z.string()),
  inputs: z.array(inputSignalSchema).min(1),
  ceremony: z.object({
    kind: z.string(),
    ptauFile: z.string(),
    ptauPower: z.number().int().positive(),
    ptauSha256: sha256Hex,
    beacon: z.string(),
  }),
  /** Hash of everything the build read (sources, includes, parameters): the incremental-build key. */
  sourceSha256: sha256Hex,
  artifacts: z.object({
    wasm: artifactEntry,
    zkey: artifactEntry,
    vkey: artifactEntry,
  }),
  /** A valid input shipped beside the artifacts, for doctor, calibration and the UI. */
  sampleInput: z.string().optional(),
  builtWith: z.object({ circom: z.string(), snarkjs: z.string() }),
});

export type CircuitManifest = z.infer<typeof circuitManifestSchema>;
export type InputSignal = z.infer<typeof inputSignalSchema>;
