// The prover's data as it crosses boundaries (history file, IPC, the headless host, bundles):
// plain types only, no Node, so the contract and the renderer can import them.
import type { ErrorCode, ErrorPayload } from '../errors.js';
import type { Groth16Proof, ProofStage } from '../workerProtocol.js';

export type JobOutcome = 'verified' | 'failed' | 'cancelled';

/**
 * Who asked for a proof: the user, or calibration timing this machine with a bundled circuit.
 * Calibration runs are kept in the same history (they are real proofs on this machine) but are
 * not the user's: history views, benchmarks and percentiles leave them out or label them.
 */
export type JobKind = 'proof' | 'calibration';

/** Records written before there were kinds are the user's proofs. */
export function isCalibrationRun(record: { kind?: JobKind }): boolean {
  return record.kind === 'calibration';
}

export interface JobTimings {
  queuedMs: number;
  witnessMs: number;
  proveMs: number;
  verifyMs: number;
  totalMs: number;
}

export interface JobRecord {
  jobId: string;
  circuitId: string;
  circuitSha256: string;
  /** The circuit's size, so history can be compared with estimates and refine them. */
  constraints: number | null;
  domainPower: number | null;
  wires?: number | null;
  publicSignals?: number | null;
  zkeyBytes?: number | null;
  outcome: JobOutcome;
  /** Absent in records written before calibration runs were told apart: a user's proof. */
  kind?: JobKind;
  errorCode?: ErrorCode;
  errorMessage?: string;
  timings: JobTimings;
  peakRssBytes: number | null;
  memoryCapBytes: number | null;
  workerPid: number | null;
  /** Which prover made a verified proof (absent in records written before there were two). */
  backend?: 'native' | 'snarkjs';
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string;
}

export type JobState = 'queued' | 'running' | JobOutcome;

export interface ProofResult {
  jobId: string;
  circuitId: string;
  proof: Groth16Proof;
  publicSignals: string[];
  verified: true;
  timings: JobTimings;
  peakRssBytes: number;
  workerPid: number | null;
  backend: 'native' | 'snarkjs';
  cache: { zkey: 'hit' | 'miss'; witnessCalculator: 'hit' | 'miss' };
}

export interface JobSnapshot {
  jobId: string;
  circuitId: string;
  title: string;
  state: JobState;
  priority: number;
  stage: ProofStage | null;
  /** 0..1 over the whole job, for a progress bar. */
  progress: number;
  expectedPeakBytes: number;
  workerPid: number | null;
  submittedAt: string;
  error: ErrorPayload | null;
  /** Set when the job finished but its history record could not be saved (a full disk, say). */
  historyError: ErrorPayload | null;
}

export type ProverEvent =
  | { type: 'job'; job: JobSnapshot }
  /** historyError: the record could not be saved (a full disk, say); the job's outcome stands. */
  | { type: 'finished'; record: JobRecord; historyError: ErrorPayload | null }
  | { type: 'worker'; event: 'started' | 'exited'; pid: number | undefined; detail?: string };

