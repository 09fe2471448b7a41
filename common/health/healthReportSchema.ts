// A health report: what one install says about how a version is doing, and nothing else. The
// schema is strict (`.strict()` everywhere), every string is an enum or a narrow pattern, and
// both ends parse through it: the app before a report enters the outbox, the receiver before a
// row is stored. A field we did not name, or a path, a host name or free text in one we did, is
// refused rather than kept. It imports only zod, so the contract and the renderer may show it.
import { z } from 'zod';

export const HEALTH_REPORT_SCHEMA = 'zkdesk-health/1';

/** Where a receiver takes reports (release collect, release serve --reports), from the root of its URL. */
export const HEALTH_REPORTS_PATH = '/v1/health-reports';

/** Semantic versions only (1.4.0, 1.4.0-beta.3): a version string cannot carry a path or a name. */
const version = z
  .string()
  .max(64)
  .regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]{1,40})?$/, 'not a semantic version');
const count = z.number().int().min(0).max(10_000_000);
const millis = z.number().min(0).max(86_400_000);
/** Error codes are ours (common/errors.ts): upper-case words, never a message. */
const errorCode = z.string().regex(/^E_[A-Z0-9_]{1,40}$/, 'not an error code');

export const timingClassSchema = z
  .object({
    /** The circuit's size class: 2^domainPower constraints (rounded up to a power of two). */
    domainPower: z.number().int().min(1).max(32),
    proofs: count.min(1),
    p50Ms: millis,
    p95Ms: millis,
  })
  .strict();

export const healthReportSchema = z
  .object({
    schema: z.literal(HEALTH_REPORT_SCHEMA),
    /** This report's own id: a report sent twice (an answer lost on the way) is stored once. */
    id: z.uuid(),
    /** Random, made when reports are turned on, reset by the user at will; not the install id. */
    reportId: z.uuid(),
    createdAt: z.iso.datetime({ offset: true }),
    /** Why it was sent: the app started, or proofs finished. */
    reason: z.enum(['start', 'proof']),
    appVersion: version,
    channel: z.enum(['stable', 'beta']),
    platform: z.enum(['linux', 'darwin', 'win32']),
    arch: z.enum(['x64', 'arm64', 'ia32', 'armv7l', 'universal']),
    /** Proofs verified by each prover since the last report. */
    verified: z.object({ native: count, snarkjs: count }).strict(),
    /** Proofs that failed since the last report, by error code (cancellations are not failures). */
    failed: z.record(errorCode, count).refine((r) => Object.keys(r).length <= 40, 'too many error codes'),
    /** Prover processes that died while proving (E_WORKER_CRASHED). */
    workerCrashes: count,
    /** Proofs stopped for using too much memory (E_OUT_OF_MEMORY). */
    outOfMemory: count,
    timings: z.array(timingClassSchema).max(32),
  })
  .strict();

export type HealthReport = z.infer<typeof healthReportSchema>;
export type TimingClass = z.infer<typeof timingClassSchema>;

/** Proofs the report covers: verified plus failed. */
export function proofsIn(report: Pick<HealthReport, 'verified' | 'failed'>): number {
  return report.verified.native + report.verified.snarkjs + failuresIn(report);
}

export function failuresIn(report: Pick<HealthReport, 'failed'>): number {
  return Object.values(report.failed).reduce((sum, n) => sum + n, 0);
}
