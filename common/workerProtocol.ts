// The typed messages between main (or the CLI, or the host) and a worker process. The worker
// is the same script under Electron's utilityProcess and Node's child_process; only the
// launcher differs. Nothing else crosses this boundary.
import type { ErrorPayload } from './errors.js';

export const PROTOCOL_VERSION = 1;

export type ProofStage = 'witness' | 'prove' | 'verify';

/** The files of one circuit, with the hashes that key the worker's caches. */
export interface ArtifactRef {
  wasmPath: string;
  wasmSha256: string;
  zkeyPath: string;
  zkeySha256: string;
  vkeyPath: string;
  vkeySha256: string;
}

export type SignalValue = string | SignalValue[];
export type CircuitInput = Record<string, SignalValue>;

export interface Groth16Proof {
  pi_a: string[];
  pi_b: string[][];
  pi_c: string[];
  protocol: 'groth16';
  curve: string;
}

export interface StageTimings {
  witnessMs: number;
  proveMs: number;
  verifyMs: number;
}

// main -> worker
export interface ProveRequest {
  type: 'prove';
  jobId: string;
  artifacts: ArtifactRef;
  input: CircuitInput;
}
/**
 * Stops a job at the next stage boundary. snarkjs cannot be interrupted inside a stage, so
 * the pool also kills the worker if it has not answered within a short grace period.
 */
export interface CancelRequest {
  type: 'cancel';
  jobId: string;
}
/** Asks the calibration worker (native-workers/calibrate.ts) to measure this machine. */
export interface CalibrateRequest {
  type: 'calibrate';
  /** log2 sizes of the G1 multi-scalar multiplications, G2 ones and FFTs to time. */
  g1Powers: number[];
  g2Powers: number[];
  fftPowers: number[];
  /** A circuit wasm and a valid input, to time witness generation. */
  witness: { wasmPath: string; input: CircuitInput; wires: number } | null;
}
/**
 * Are you still there? Main pings an idle worker that has been quiet a while before it hands
 * it a job (and on a timer); a worker that does not pong in time is killed and replaced.
 */
export interface PingRequest {
  type: 'ping';
  nonce: number;
}
export interface ShutdownRequest {
  type: 'shutdown';
}
export type MainToWorker = ProveRequest | CancelRequest | CalibrateRequest | PingRequest | ShutdownRequest;

// worker -> main
export interface ReadyMessage {
  type: 'ready';
  pid: number;
  protocolVersion: number;
  versions: { node: string; snarkjs: string };
}
export interface ProgressMessage {
  type: 'progress';
  jobId: string;
  stage: ProofStage;
  /** 0..1 within the stage, when snarkjs tells us; otherwise absent. */
  fraction?: number;
  note?: string;
}
/** Which prover made a proof: the native one (nativeGroth16.ts), or snarkjs. */
export type ProverBackend = 'native' | 'snarkjs';

export interface ResultMessage {
  type: 'result';
  jobId: string;
  proof: Groth16Proof;
  publicSignals: string[];
  verified: true;
  /** Which prover made the proof: the native one, or snarkjs (no native build, or it failed). */
  backend: ProverBackend;
  /** The native prover process's peak resident memory for this job; 0 when snarkjs proved it. */
  nativePeakRssBytes: number;
  timings: StageTimings;
  cache: { zkey: 'hit' | 'miss'; witnessCalculator: 'hit' | 'miss' };
  /** Process resident set at the end of the job and the process-lifetime peak, in bytes. */
  rssBytes: number;
  maxRssBytes: number;
}
export interface ErrorMessage {
  type: 'error';
  jobId: string;
  error: ErrorPayload;
}
export interface Timing {
  power: number;
  ms: number;
}
export interface CalibrationMessage {
  type: 'calibration';
  g1Msm: Timing[];
  g2Msm: Timing[];
  /** One inverse plus one forward FFT of the size, as groth16 runs them per polynomial. */
  fft: Timing[];
  pairingMs: number;
  witness: { wires: number; ms: number } | null;
  threads: number;
}
export interface CalibrationErrorMessage {
  type: 'calibration-error';
  error: ErrorPayload;
}
export interface PongMessage {
  type: 'pong';
  nonce: number;
  rssBytes: number;
  heapUsedBytes: number;
  cachedKeys: number;
  cachedKeyBytes: number;
}
export interface LogMessage {
  type: 'log';
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields?: Record<string, string | number | boolean>;
}
export type WorkerToMain =
  | ReadyMessage
  | ProgressMessage
  | ResultMessage
  | ErrorMessage
  | CalibrationMessage
  | CalibrationErrorMessage
  | PongMessage
  | LogMessage;

const workerMessageTypes = new Set<WorkerToMain['type']>(['ready', 'progress', 'result', 'error', 'calibration', 'calibration-error', 'pong', 'log']);
const mainMessageTypes = new Set<MainToWorker['type']>(['prove', 'cancel', 'calibrate', 'ping', 'shutdown']);

function hasType(value: unknown): value is { type: unknown } {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/** A cheap structural guard: both ends are ours, so this catches wiring bugs, not attacks. */
export function isWorkerToMain(value: unknown): value is WorkerToMain {
  return hasType(value) && workerMessageTypes.has(value.type as WorkerToMain['type']);
}

export function isMainToWorker(value: unknown): value is MainToWorker {
  return hasType(value) && mainMessageTypes.has(value.type as MainToWorker['type']);
}
