// One worker process seen from main: starts it, runs one job at a time on it, watches its
// memory and time, and turns every way it can end into a typed outcome.
import { ZkError } from '../../../common/errors.js';
import { formatBytes } from '../../../common/format/byteUnits.js';
import type { ArtifactRef, BackendReport, CircuitInput, ProgressMessage, ResultMessage, WorkerToMain } from '../../../common/workerProtocol.js';
import { performance } from 'node:perf_hooks';
import type { ProcessMemoryProbe } from './processMemory.js';
import type { LaunchOptions, WorkerExit, WorkerLauncher, WorkerProcess } from './workerLauncher.js';

export interface WorkerSlotOptions {
  script: string;
  name: string;
  memoryCapBytes: number;
  probe: ProcessMemoryProbe;
  /** How often resident memory is sampled while a job runs. */
  sampleIntervalMs?: number;
  startTimeoutMs?: number;
  /** How long a cancelled job may take to reach a stage boundary before its worker is killed. */
  cancelGraceMs?: number;
  cacheMb?: number;
  onLog?: (record: Extract<WorkerToMain, { type: 'log' }>, pid: number | undefined) => void;
  /** The worker's own word on which prover it uses (its ready message). */
  onBackend?: (report: BackendReport) => void;
}

export interface SlotJob {
  jobId: string;
  artifacts: ArtifactRef;
  input: CircuitInput;
  timeoutMs: number | null;
  onProgress(message: ProgressMessage): void;
  onStarted?(pid: number | undefined): void;
}

export interface SlotSuccess {
  result: ResultMessage;
  peakRssBytes: number;
  pid: number | undefined;
}

export type SlotState = 'starting' | 'idle' | 'busy' | 'dead';

const MB = 1024 * 1024;

/** How a worker with these options is started; the CLI's head start (main/cli/proverHeadStart.ts) asks for the same. */
export function workerLaunchOptions(options: Pick<WorkerSlotOptions, 'script' | 'name' | 'memoryCapBytes' | 'cacheMb'>): LaunchOptions {
  return {
    script: options.script,
    name: options.name,
    maxOldSpaceMb: Math.floor(options.memoryCapBytes / MB),
    // The cap travels to the worker so that the native prover it starts can ask the kernel to hold it.
    env: { ZKDESK_WORKER_CACHE_MB: String(options.cacheMb ?? 256), ZKDESK_WORKER_MEMORY_CAP_BYTES: String(options.memoryCapBytes) },
  };
}
const heapOomPattern = /heap out of memory|Reached heap limit|Fatal JavaScript invalid size|Allocation failed|WebAssembly\.Memory|Out of memory/i;

interface Running {
  job: SlotJob;
  resolve(success: SlotSuccess): void;
  reject(error: ZkError): void;
  peakRssBytes: number;
  /** Why main ended the process, if it did: decides the error its exit becomes. */
  killReason: ZkError | null;
  /** cancel() said yes: the job ends cancelled even if its proof arrives in the grace period. */
  cancelRequested: boolean;
  timers: NodeJS.Timeout[];
}

/** The message a job gets when the service closes under it: history then says what happened. */
export function shutdownError(): ZkError {
  return new ZkError('E_SHUTTING_DOWN', 'The job was stopped because the prover was shutting down.', { stoppedWhile: 'running' });
}

export class WorkerSlot {
  private readonly process: WorkerProcess;
  private state_: SlotState = 'starting';
  private running: Running | null = null;
  private stopping = false;
  private lastHeardMs = performance.now();
  private healthCheck: Promise<boolean> | null = null;
  private pingSeq = 0;
  private pong: { nonce: number; done(answered: boolean): void } | null = null;
  private readonly deathListeners: Array<(exit: WorkerExit) => void> = [];
  /** How the worker ended, once it has. */
  private exit: WorkerExit | null = null;
  readonly ready: Promise<void>;

  constructor(
    launcher: WorkerLauncher,
    private readonly options: WorkerSlotOptions,
  ) {
    this.process = launcher.launch(workerLaunchOptions(options));

    this.ready = new Promise<void>((resolve, reject) => {
      const startTimer = setTimeout(() => {
        reject(new ZkError('E_WORKER_START_FAILED', 'The proving process did not start in time.', { timeoutMs: options.startTimeoutMs ?? 30_000 }));
        this.kill();
      }, options.startTimeoutMs ?? 30_000);
      this.process.onMessage((message) => {
        if (message.type === 'ready') {
          clearTimeout(startTimer);
          options.onBackend?.(message.backend);
          if (this.state_ === 'starting') this.state_ = 'idle';
          resolve();
        }
        this.handle(message);
      });
      this.process.onExit((exit) => {
        clearTimeout(startTimer);
        const wasStarting = this.state_ === 'starting';
        this.state_ = 'dead';
        if (wasStarting) {
          reject(
            new ZkError('E_WORKER_START_FAILED', undefined, {
              exitCode: exit.code,
              signal: exit.signal,
              stderr: exit.stderrTail.slice(-400),
            }),
          );
        }
        this.exit = exit;
        this.pong?.done(false);
        this.finishWithExit(exit);
        for (const listener of this.deathListeners) listener(exit);
      });
    });
    // A start failure is reported through run() or ready; never as an unhandled rejection.
    this.ready.catch(() => {});
  }

  get state(): SlotState {
    return this.state_;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get memoryCapBytes(): number {
    return this.options.memoryCapBytes;
  }

  /** Asked to shut down: takes no more jobs, whatever its state says until it exits. */
  get retiring(): boolean {
    return this.stopping;
  }

  get currentJobId(): string | null {
    return this.running?.job.jobId ?? null;
  }

  /**
   * Called once the worker has ended. A worker started ahead of the pool (spareWorker.ts) may have
   * ended before the slot was made: the listener still hears of it, in the next microtask, after
   * whoever made the slot has finished adding it.
   */
  onDeath(listener: (exit: WorkerExit) => void): void {
    const exit = this.exit;
    if (exit) queueMicrotask(() => listener(exit));
    else this.deathListeners.push(listener);
  }

  /** How long since the worker last said anything (ready, progress, result, pong, log). */
  get quietForMs(): number {
    return performance.now() - this.lastHeardMs;
  }

  /** A health check is in flight: the pool hands this worker no job until it answers. */
  get checking(): boolean {
    return this.healthCheck !== null;
  }

  /**
   * Pings an idle worker; one that does not answer within timeoutMs (stopped, wedged, swapped
   * out for good) is killed, and its death lets the pool start a fresh one. True if it answered.
   */
  checkHealth(timeoutMs: number): Promise<boolean> {
    if (this.healthCheck) return this.healthCheck;
    const nonce = ++this.pingSeq;
    this.healthCheck = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.options.onLog?.({ type: 'log', level: 'warn', msg: 'worker did not answer a health check; replacing it', fields: { timeoutMs } }, this.pid);
        this.pong?.done(false);
        this.kill();
      }, timeoutMs);
      this.pong = {
        nonce,
        done: (answered) => {
          clearTimeout(timer);
          this.pong = null;
          this.healthCheck = null;
          resolve(answered);
        },
      };
      this.process.post({ type: 'ping', nonce });
    });
    return this.healthCheck;
  }

  private handle(message: WorkerToMain): void {
    const running = this.running;
    this.lastHeardMs = performance.now();
    switch (message.type) {
      case 'pong':
        if (this.pong?.nonce === message.nonce) this.pong.done(true);
        return;
      case 'progress':
        if (running && message.jobId === running.job.jobId) running.job.onProgress(message);
        return;
      case 'result':
        if (running && message.jobId === running.job.jobId) {
          const sampled = Math.max(running.peakRssBytes, message.rssBytes);
          // Without an outside probe (Windows), the process-lifetime peak is the best we know.
          const own = running.peakRssBytes > 0 ? sampled : message.maxRssBytes;
          // The native prover is a process of its own: the job held the worker's memory and its peak.
          const peak = Math.max(own, message.rssBytes + message.nativePeakRssBytes);
          // The proof crossed a cancel that was already answered yes: keep cancel()'s word.
          if (running.cancelRequested) this.settle((r) => r.reject(new ZkError('E_CANCELLED', 'The job was cancelled as it finished; its proof was discarded.')));
          else this.settle((r) => r.resolve({ result: message, peakRssBytes: peak, pid: this.pid }));
        }
        return;
      case 'error':
        if (running && message.jobId === running.job.jobId) {
          const error = this.withCap(ZkError.fromPayload(message.error), running);
          this.settle((r) => r.reject(running.cancelRequested ? new ZkError('E_CANCELLED') : error));
        }
        return;
      case 'log':
        this.options.onLog?.(message, this.pid);
        return;
      default:
        return;
    }
  }

  private settle(finish: (running: Running) => void): void {
    const running = this.running;
    if (!running) return;
    for (const timer of running.timers) clearTimeout(timer);
    this.running = null;
    if (this.state_ === 'busy') this.state_ = 'idle';
    finish(running);
  }

  /** A worker's own out-of-memory error does not know the cap main gave it: add it. */
  private withCap(error: ZkError, running: Running): ZkError {
    if (error.code !== 'E_OUT_OF_MEMORY' || error.details.capMb !== undefined) return error;
    const capMb = Math.round(this.options.memoryCapBytes / MB);
    return new ZkError('E_OUT_OF_MEMORY', `${error.message} The worker's memory cap is ${formatBytes(this.options.memoryCapBytes)}.`, {
      ...error.details,
      capMb,
      limit: error.details.limit ?? 'allocation in the worker',
      peakRssMb: Math.round(running.peakRssBytes / MB),
    });
  }

  private exitError(exit: WorkerExit, running: Running): ZkError {
    if (running.killReason) return running.killReason;
    const capMb = Math.round(this.options.memoryCapBytes / MB);
    if (heapOomPattern.test(exit.stderrTail)) {
      return new ZkError('E_OUT_OF_MEMORY', `The proof needed more memory than the worker's ${formatBytes(this.options.memoryCapBytes)} cap and was stopped.`, {
        capMb,
        limit: 'V8 heap',
        peakRssMb: Math.round(running.peakRssBytes / MB),
      });
    }
    return new ZkError('E_WORKER_CRASHED', undefined, {
      exitCode: exit.code,
      signal: exit.signal,
      // SIGKILL that main did not send comes from outside: a user, or the system's OOM killer.
      hint: exit.signal === 'SIGKILL' ? 'killed from outside zkdesk (by a user or the system out-of-memory killer)' : undefined,
      stderr: exit.stderrTail.trim().split('\n').slice(-3).join(' | ').slice(0, 300) || undefined,
    });
  }

  private finishWithExit(exit: WorkerExit): void {
    const running = this.running;
    if (!running) return;
    const error = this.exitError(exit, running);
    this.settle((r) => r.reject(error));
  }

  private killFor(reason: ZkError): void {
    if (!this.running || this.running.killReason) return;
    this.running.killReason = reason;
    this.process.kill();
  }

  private watchMemory(running: Running): void {
    const interval = this.options.sampleIntervalMs ?? 100;
    const capMb = Math.round(this.options.memoryCapBytes / MB);
    const sample = async (): Promise<void> => {
      if (this.running !== running || this.pid === undefined) return;
      const rss = await this.options.probe(this.pid);
      if (this.running !== running) return;
      if (rss !== null) {
        running.peakRssBytes = Math.max(running.peakRssBytes, rss);
        if (rss > this.options.memoryCapBytes) {
          this.killFor(
            new ZkError('E_OUT_OF_MEMORY', `The proof used more than the worker's ${formatBytes(this.options.memoryCapBytes)} memory cap and was stopped.`, {
              capMb,
              limit: 'resident memory',
              peakRssMb: Math.round(rss / MB),
            }),
          );
          return;
        }
      }
      running.timers.push(setTimeout(() => void sample(), interval));
    };
    void sample();
  }

  async run(job: SlotJob): Promise<SlotSuccess> {
    await this.ready;
    if (this.state_ !== 'idle') {
      throw new ZkError('E_INTERNAL', 'A job was given to a worker that is not idle.', { state: this.state_ });
    }
    this.state_ = 'busy';
    return new Promise<SlotSuccess>((resolve, reject) => {
      const running: Running = { job, resolve, reject, peakRssBytes: 0, killReason: null, cancelRequested: false, timers: [] };
      this.running = running;
      if (job.timeoutMs !== null) {
        const seconds = Math.round(job.timeoutMs / 100) / 10;
        running.timers.push(
          setTimeout(() => this.killFor(new ZkError('E_TIMEOUT', `The job took longer than its ${seconds} s limit and was stopped.`, { timeoutMs: job.timeoutMs })), job.timeoutMs),
        );
      }
      this.watchMemory(running);
      job.onStarted?.(this.pid);
      this.process.post({ type: 'prove', jobId: job.jobId, artifacts: job.artifacts, input: job.input });
    });
  }

  /**
   * Asks the job to stop at its next stage boundary, and kills the worker if it does not soon.
   * True when the job will end cancelled; false when it is not running here (already finished).
   */
  cancel(jobId: string): boolean {
    const running = this.running;
    if (!running || running.job.jobId !== jobId) return false;
    if (running.cancelRequested) return true;
    running.cancelRequested = true;
    this.process.post({ type: 'cancel', jobId });
    running.timers.push(setTimeout(() => this.killFor(new ZkError('E_CANCELLED')), this.options.cancelGraceMs ?? 250));
    return true;
  }

  kill(): void {
    this.process.kill();
  }

  /**
   * Lets the worker free its threads and exit; kills it if it does not within graceMs. A job
   * still running ends with E_SHUTTING_DOWN, not as a crash: the exit is ours.
   */
  async shutdown(graceMs = 2000): Promise<void> {
    if (this.state_ === 'dead') return;
    this.stopping = true;
    if (this.running && !this.running.killReason) this.running.killReason = shutdownError();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
      }, graceMs);
      this.process.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      this.process.post({ type: 'shutdown' });
    });
  }
}
