// The proving service's jobs: admitted (jobAdmission.ts: circuit, input, memory, kill switch)
// before any worker sees them, queued by priority, run on the warm worker pool (workerPool.ts)
// when memory allows, and every outcome recorded in the job history. A worker that dies fails
// only its own job; the pool starts a fresh one for the next.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ZkError, type ErrorPayload } from '../../../common/errors.js';
import type { CircuitInput, ProofStage, StageTimings } from '../../../common/workerProtocol.js';
import { fileWriteError } from '../files/atomicWrite.js';
import { IdleMemoryReducer, type IdleMemoryReducerOptions } from './idleMemoryReducer.js';
import { JobAdmission, type JobAdmissionOptions } from './jobAdmission.js';
import type { JobHistory } from './jobHistory.js';
import type { JobKind, JobOutcome, JobRecord, JobSnapshot, JobTimings, ProofResult, ProverEvent } from '../../../common/prover/proverTypes.js';

export type { JobSnapshot, ProofResult, ProverEvent } from '../../../common/prover/proverTypes.js';
import { askWorkerForBackend, WorkerBackend } from './workerBackend.js';
import { failedConstraint, failedConstraintMessage, readCircuitSource } from './failedConstraint.js';
import { ProofQueue } from './proofQueue.js';
import type { CheckedCircuit, ResolvedCircuit } from './resolvedCircuit.js';
import type { WorkerSlot } from './workerSlot.js';
import { WorkerPool, type WorkerPoolOptions } from './workerPool.js';

/** What admission, the worker pool and the jobs each need; the service passes each its part. */
export interface ProverServiceOptions extends Omit<JobAdmissionOptions, 'backend'>, Omit<WorkerPoolOptions, 'limits' | 'isAssigned' | 'onFreed' | 'emit' | 'onBackend'> {
  /** Absolute path of native-workers/backendProbe.js: asked which prover workers use before one has said. */
  backendProbeScript: string;
  history: JobHistory;
  poolSize: number;
  memoryCapBytes: number;
  defaultTimeoutMs?: number | null;
  now?: () => Date;
  /** When and how the host gives back memory after its proofs (idleMemoryReducer.ts). */
  idleMemory?: IdleMemoryReducerOptions;
}

export interface ProverLimits {
  poolSize: number;
  memoryCapBytes: number;
  defaultTimeoutMs: number | null;
}

export interface SubmitRequest {
  circuit: ResolvedCircuit;
  input: unknown;
  /** Higher runs first; default 0. */
  priority?: number;
  /** null: no limit; undefined: the service default. */
  timeoutMs?: number | null;
  /** Default 'proof'; calibration marks its own runs so they stay apart from the user's. */
  kind?: JobKind;
  /** The estimate shown when the user pressed Prove, kept in the record; null when unknown. */
  predictedMs?: number | null;
}

export interface JobHandle {
  jobId: string;
  /** Resolves with a verified proof; rejects with a ZkError (E_CANCELLED, E_TIMEOUT, ...). */
  result: Promise<ProofResult>;
}

interface Job {
  id: string;
  seq: number;
  priority: number;
  circuit: CheckedCircuit;
  input: CircuitInput;
  timeoutMs: number | null;
  kind: JobKind;
  predictedMs: number | null;
  expectedPeakBytes: number;
  submittedAt: Date;
  submittedAtMs: number;
  startedAt: Date | null;
  startedAtMs: number;
  snapshot: JobSnapshot;
  resolve(result: ProofResult): void;
  reject(error: ZkError): void;
  slot: WorkerSlot | null;
  /** Settles once the running job's outcome is recorded. */
  done: Promise<void> | null;
}

// How much of the whole job each stage is, for one progress bar (proving dominates).
const stageSpan: Record<ProofStage, [start: number, width: number]> = {
  witness: [0, 0.1],
  prove: [0.1, 0.85],
  verify: [0.95, 0.05],
};

const RECENT_JOBS_KEPT = 200;
const RECENT_RESULTS_KEPT = 50;

/**
 * Job ids read like `job-20261122T061502-3f9a1c2e`: sortable, unique enough, and not UUIDs,
 * which diagnostics redaction removes (a support engineer needs to match ids across files).
 */
function newJobId(at: Date): string {
  return `job-${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(4).toString('hex')}`;
}

export class ProverService {
  private readonly queue = new ProofQueue<Job>();
  private readonly running = new Map<string, Job>();
  private readonly recent: JobSnapshot[] = [];
  private readonly recentResults = new Map<string, ProofResult>();
  private readonly listeners = new Set<(event: ProverEvent) => void>();
  private readonly admission: JobAdmission;
  private readonly pool: WorkerPool;
  private readonly now: () => Date;
  private seq = 0;
  private closed = false;
  /** What the settings say now: changed by reconfigure() while the service runs. */
  private limits: ProverLimits;

  /** Which prover the workers use, from their ready messages. */
  readonly backend: WorkerBackend;
  /** Gives back the memory proofs took once no job has run for a while. */
  readonly idleMemory: IdleMemoryReducer;

  constructor(private readonly options: ProverServiceOptions) {
    this.backend = new WorkerBackend(() => askWorkerForBackend(options.launcher, options.backendProbeScript));
    this.now = options.now ?? (() => new Date());
    this.idleMemory = new IdleMemoryReducer(options.idleMemory);
    this.limits = { poolSize: options.poolSize, memoryCapBytes: options.memoryCapBytes, defaultTimeoutMs: options.defaultTimeoutMs ?? null };
    this.admission = new JobAdmission({ ...options, backend: async () => (await this.backend.current()).backend });
    this.pool = new WorkerPool({
      ...options,
      limits: () => this.limits,
      isAssigned: (slot) => this.isAssigned(slot),
      onFreed: () => this.pump(),
      emit: (event) => this.emit(event),
      onBackend: (report) => this.backend.record(report),
    });
  }

  /**
   * New limits from the settings, for the jobs that start from now on. Running jobs keep the
   * limits they started with; idle workers started under another memory cap are replaced.
   */
  reconfigure(limits: ProverLimits): void {
    this.limits = { ...limits };
    this.pool.reconfigure(limits);
    this.pump();
  }

  on(listener: (event: ProverEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ProverEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The job history every outcome is recorded in: the one the services read back. */
  get history(): JobHistory {
    return this.options.history;
  }

  get poolSize(): number {
    return this.limits.poolSize;
  }

  get memoryCapBytes(): number {
    return this.limits.memoryCapBytes;
  }

  /** Queued and running jobs, then recently finished ones, newest first. */
  jobs(): JobSnapshot[] {
    const active = [...this.running.values(), ...this.queue.snapshot()].map((j) => j.snapshot);
    return [...active, ...this.recent];
  }

  /** The verified result of a recent job of this session, or null. */
  result(jobId: string): ProofResult | null {
    return this.recentResults.get(jobId) ?? null;
  }

  workerPids(): number[] {
    return this.pool.pids();
  }

  /** Throws E_CIRCUIT_DISABLED when the signed kill switch has this circuit off: for work that would precede its proofs. */
  refuseIfSwitchedOff(circuitId: string): void {
    this.admission.refuseIfSwitchedOff(circuitId);
  }

  /** Validates the circuit files and the input (throwing before anything is queued) and queues the job. */
  async submit(request: SubmitRequest): Promise<JobHandle> {
    if (this.closed) throw new ZkError('E_SHUTTING_DOWN');
    this.admission.refuseIfSwitchedOff(request.circuit.id);
    const submittedAt = this.now();
    const jobId = newJobId(submittedAt);
    let circuit: CheckedCircuit;
    let input: CircuitInput;
    let expectedPeakBytes: number;
    try {
      ({ circuit, input, expectedPeakBytes } = await this.admission.admit(request.circuit, request.input));
    } catch (error) {
      const zk = ZkError.wrap(error);
      await this.record(this.refusedRecord(jobId, request, zk, submittedAt));
      throw zk;
    }

    const priority = request.priority ?? 0;
    const timeoutMs = request.timeoutMs === undefined ? this.limits.defaultTimeoutMs : request.timeoutMs;
    let resolve!: (result: ProofResult) => void;
    let reject!: (error: ZkError) => void;
    const result = new Promise<ProofResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const job: Job = {
      id: jobId,
      seq: this.seq++,
      priority,
      circuit,
      input,
      timeoutMs,
      kind: request.kind ?? 'proof',
      predictedMs: request.predictedMs ?? null,
      expectedPeakBytes,
      submittedAt,
      submittedAtMs: performance.now(),
      startedAt: null,
      startedAtMs: 0,
      resolve,
      reject,
      slot: null,
      done: null,
      snapshot: {
        jobId,
        circuitId: circuit.id,
        title: circuit.title,
        state: 'queued',
        kind: request.kind ?? 'proof',
        predictedMs: request.predictedMs ?? null,
        priority,
        stage: null,
        progress: 0,
        expectedPeakBytes,
        workerPid: null,
        submittedAt: submittedAt.toISOString(),
        error: null,
        historyError: null,
      },
    };
    this.queue.push(job);
    this.emit({ type: 'job', job: job.snapshot });
    this.pump();
    return { jobId, result };
  }

  /**
   * Removes a queued job, or stops a running one (its worker is replaced). True means the job
   * ends cancelled; false that it is not queued or running (it finished, or never was).
   */
  cancel(jobId: string): boolean {
    const queued = this.queue.remove(jobId);
    if (queued) {
      void this.finish(queued, { error: new ZkError('E_CANCELLED', 'The job was cancelled before it started.') });
      this.noteActivity();
      return true;
    }
    return this.running.get(jobId)?.slot?.cancel(jobId) ?? false;
  }

  /** Starts workers ahead of the first job, so it does not pay for the curve's start. */
  async warmUp(count = 1): Promise<void> {
    await this.pool.warmUp(count);
  }

  private isAssigned(slot: WorkerSlot): boolean {
    for (const job of this.running.values()) if (job.slot === slot) return true;
    return false;
  }

  private pump(): void {
    if (this.closed) return;
    this.startWhatFits();
    this.noteActivity();
  }

  private startWhatFits(): void {
    while (this.queue.length > 0 && this.running.size < this.limits.poolSize) {
      const running = [...this.running.values()];
      const job = this.queue.takeHeadIf((j) => this.admission.fits(j.expectedPeakBytes, running));
      if (!job) return;
      const slot = this.pool.idleSlot();
      if (!slot) {
        this.queue.push(job);
        return;
      }
      this.start(job, slot);
    }
  }

  private noteActivity(): void {
    if (this.closed) return;
    if (this.queue.length === 0 && this.running.size === 0) this.idleMemory.idle();
    else this.idleMemory.busy();
  }

  private start(job: Job, slot: WorkerSlot): void {
    job.slot = slot;
    this.running.set(job.id, job);
    job.snapshot = { ...job.snapshot, state: 'running' };
    this.emit({ type: 'job', job: job.snapshot });
    job.done = slot
      .run({
        jobId: job.id,
        artifacts: job.circuit.artifacts,
        input: job.input,
        timeoutMs: job.timeoutMs,
        onStarted: (pid) => {
          job.startedAt = this.now();
          job.startedAtMs = performance.now();
          job.snapshot = { ...job.snapshot, workerPid: pid ?? null };
        },
        onProgress: (message) => {
          const [start, width] = stageSpan[message.stage];
          job.snapshot = { ...job.snapshot, stage: message.stage, progress: start + width * (message.fraction ?? 0) };
          this.emit({ type: 'job', job: job.snapshot });
        },
      })
      .then(
        (success) => this.finish(job, { success }),
        (error: unknown) => this.finish(job, { error: ZkError.wrap(error) }),
      )
      .finally(() => {
        this.running.delete(job.id);
        this.pump();
      });
  }

  private async finish(job: Job, outcome: { success: Awaited<ReturnType<WorkerSlot['run']>> } | { error: ZkError }): Promise<void> {
    const finishedAt = this.now();
    const endMs = performance.now();
    const queuedMs = (job.startedAt ? job.startedAtMs : endMs) - job.submittedAtMs;
    const stages: StageTimings = 'success' in outcome ? outcome.success.result.timings : { witnessMs: 0, proveMs: 0, verifyMs: 0 };
    const timings: JobTimings = { queuedMs, ...stages, totalMs: endMs - job.submittedAtMs };
    const pid = 'success' in outcome ? (outcome.success.pid ?? null) : (job.snapshot.workerPid ?? null);

    const base = {
      jobId: job.id,
      circuitId: job.circuit.id,
      circuitSha256: job.circuit.artifacts.zkeySha256,
      kind: job.kind,
      predictedMs: job.predictedMs,
      constraints: job.circuit.manifest?.constraints ?? null,
      domainPower: job.circuit.header.domainPower,
      wires: job.circuit.header.nVars,
      publicSignals: job.circuit.header.nPublic,
      zkeyBytes: job.circuit.zkeyBytes,
      timings,
      memoryCapBytes: this.limits.memoryCapBytes,
      workerPid: pid,
      submittedAt: job.submittedAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: finishedAt.toISOString(),
    };

    if ('success' in outcome) {
      const { result, peakRssBytes } = outcome.success;
      const record: JobRecord = { ...base, outcome: 'verified', peakRssBytes, backend: result.backend };
      const proof: ProofResult = {
        jobId: job.id,
        circuitId: job.circuit.id,
        proof: result.proof,
        publicSignals: result.publicSignals,
        verified: true,
        timings,
        peakRssBytes,
        workerPid: pid,
        backend: result.backend,
        cache: result.cache,
      };
      // Kept before the 'verified' event goes out, so a listener can fetch it at once.
      this.recentResults.set(job.id, proof);
      if (this.recentResults.size > RECENT_RESULTS_KEPT) this.recentResults.delete(this.recentResults.keys().next().value as string);
      // Recorded before the 'verified' event: a listener that reloads the history on it sees this job.
      const historyError = await this.record(record);
      job.snapshot = { ...job.snapshot, state: 'verified', stage: null, progress: 1, historyError };
      this.remember(job.snapshot);
      job.resolve(proof);
      return;
    }

    const error = await this.withFailedInput(outcome.error, job.circuit);
    const state: JobOutcome = error.code === 'E_CANCELLED' ? 'cancelled' : 'failed';
    const peak = typeof error.details.peakRssMb === 'number' ? error.details.peakRssMb * 1024 * 1024 : null;
    const record: JobRecord = { ...base, outcome: state, errorCode: error.code, errorMessage: error.message, peakRssBytes: peak };
    const historyError = await this.record(record);
    job.snapshot = { ...job.snapshot, state, error: error.toPayload(), historyError };
    this.remember(job.snapshot);
    job.reject(error);
  }

  /** A failed constraint names the input it is about, where the circuit's source can tell. */
  private async withFailedInput(error: ZkError, circuit: CheckedCircuit): Promise<ZkError> {
    if (error.code !== 'E_CONSTRAINT_UNSATISFIED' || typeof error.details.reason !== 'string') return error;
    const source = await readCircuitSource(circuit.files.wasmPath);
    const failed = source === null ? null : failedConstraint(error.details.reason, source);
    if (!failed) return error;
    return new ZkError('E_CONSTRAINT_UNSATISFIED', failedConstraintMessage(failed), { ...error.details, line: failed.line, inputs: failed.inputs.join(', ') }, { cause: error });
  }

  private remember(snapshot: JobSnapshot): void {
    this.emit({ type: 'job', job: snapshot });
    this.recent.unshift(snapshot);
    if (this.recent.length > RECENT_JOBS_KEPT) this.recent.length = RECENT_JOBS_KEPT;
  }

  private refusedRecord(jobId: string, request: SubmitRequest, error: ZkError, at: Date): JobRecord {
    const { circuit } = request;
    return {
      jobId,
      kind: request.kind ?? 'proof',
      predictedMs: request.predictedMs ?? null,
      circuitId: circuit.id,
      circuitSha256: circuit.manifest?.artifacts.zkey.sha256 ?? '',
      constraints: circuit.manifest?.constraints ?? null,
      domainPower: circuit.manifest?.domainPower ?? null,
      outcome: 'failed',
      errorCode: error.code,
      errorMessage: error.message,
      timings: { queuedMs: 0, witnessMs: 0, proveMs: 0, verifyMs: 0, totalMs: 0 },
      peakRssBytes: null,
      memoryCapBytes: this.limits.memoryCapBytes,
      workerPid: null,
      submittedAt: at.toISOString(),
      startedAt: null,
      finishedAt: at.toISOString(),
    };
  }

  /** Appends to the history and announces the record; what could not be saved is returned, not thrown. */
  private async record(record: JobRecord): Promise<ErrorPayload | null> {
    let historyError: ZkError | null = null;
    try {
      await this.options.history.append(record);
    } catch (error) {
      // A full disk must not turn a verified proof into a failure: report, keep going.
      historyError = fileWriteError(error, this.options.history.file);
      this.options.onWorkerLog?.('warn', 'job history could not be written', { code: historyError.code, reason: String(error) });
    }
    const payload = historyError?.toPayload() ?? null;
    this.emit({ type: 'finished', record, historyError: payload });
    return payload;
  }

  /**
   * Refuses new jobs, fails queued ones, lets workers free their threads and exit. A job still
   * running ends with E_SHUTTING_DOWN (its slot knows the exit is ours), not as a crash.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.idleMemory.stop();
    for (const job of this.queue.drain()) {
      await this.finish(job, { error: new ZkError('E_SHUTTING_DOWN') });
    }
    const stopping = [...this.running.values()].map((job) => job.done);
    await this.pool.close();
    // Their history records are written before close() returns.
    await Promise.allSettled(stopping);
  }
}
