// The shape of flags.json. The file on the feed is an envelope: the payload as the exact
// string that was signed, its Ed25519 signature, and the id of the key that signed it.
// Signing a string (not re-serialised JSON) means no canonical-JSON rules to get wrong.
import { z } from 'zod';

export const cohorts = ['internal', 'beta', 'stable'] as const;
export type Cohort = (typeof cohorts)[number];

/** Who a flag or kill switch applies to: every listed cohort (all when absent), then a percentage of those. */
const targeting = {
  cohorts: z.array(z.enum(cohorts)).min(1).optional(),
  percentage: z.number().int().min(0).max(100).optional(),
};

export const flagsPayloadSchema = z.object({
  schema: z.literal('zkdesk-flags/1'),
  /** Rises with every published copy; a copy older than the one held is a replay and is ignored. */
  serial: z.number().int().nonnegative(),
  // ISO 8601 with Z or an offset (2025-06-01T12:00:00+02:00): both are exact instants.
  issuedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  flags: z
    .record(z.string().regex(/^[a-z][a-zA-Z0-9.-]*$/), z.object({ enabled: z.boolean(), ...targeting }))
    .default({}),
  killSwitches: z
    .object({
      circuits: z.array(z.object({ circuitId: z.string().min(1), reason: z.string().min(1), ...targeting })).default([]),
      autoUpdate: z.object({ reason: z.string().min(1), ...targeting }).nullable().default(null),
    })
    .default({ circuits: [], autoUpdate: null }),
});
export type FlagsPayload = z.infer<typeof flagsPayloadSchema>;
export type Targeting = { cohorts?: Cohort[] | undefined; percentage?: number | undefined };

export const signedFlagsSchema = z.object({
  format: z.literal('zkdesk-signed-flags/1'),
  keyId: z.string().min(1),
  payload: z.string().min(1),
  signature: z.string().min(1),
});
export type SignedFlags = z.infer<typeof signedFlagsSchema>;
