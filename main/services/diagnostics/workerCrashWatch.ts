// Every abnormal exit of a worker process leaves a crash record: the prover's workers whether
// busy, idle or warming up, and the calibration worker. It watches at the one place every
// worker passes through, the launcher, so no pool or service has to remember to report: an
// exit main did not ask for (no kill, no shutdown message) that is not a clean exit is recorded
// with its signal, exit code, the job it was running and the last lines it logged.
//
// Writes are tracked, and settled() waits for them: a CLI run that exits right after its worker
// died must not lose the record.
import type { LogMessage, MainToWorker, WorkerToMain } from '../../../common/workerProtocol.js';
import type { WorkerExit, WorkerLauncher, WorkerProcess, LaunchOptions } from '../prover/workerLauncher.js';
import { isAbnormalExit, writeCrashRecord, type CrashRecord } from './crashRecords.js';
import type { Redactor } from './redact.js';

/** Enough to see what the worker was doing; records stay small. */
const LAST_LOG_LINES = 12;
const STDERR_LINES = 8;

type Activity = 'starting' | 'idle' | 'proving' | 'calibrating';
const ACTIVITY_TEXT: Record<Activity, string> = { starting: 'it was starting', idle: 'it was idle', proving: 'it ran a job', calibrating: 'it was calibrating' };

export interface WorkerCrashWatchOptions {
  dataDir: string;
  appVersion: string;
  /** The current redactor (it gains the profiler's serials once they are known). */
  redactor: () => Redactor;
  /** A record was written: log it. */
  onRecorded?: (record: CrashRecord, file: string) => void;
  /** A record could not be written (a full disk): log it, at least. */
  onError?: (error: unknown, record: CrashRecord) => void;
  now?: () => Date;
}

export interface WatchOptions {
  /** Also hands each log record the worker sends to this (for workers whose logs nobody else writes). */
  onLog?: (pid: number, record: LogMessage) => void;
}

export class WorkerCrashWatch {
  private readonly writes = new Set<Promise<unknown>>();
  private readonly recorded = new Set<number>();

  constructor(private readonly options: WorkerCrashWatchOptions) {}

  /** The same launcher, with every process it starts watched. */
  wrap(launcher: WorkerLauncher, watch: WatchOptions = {}): WorkerLauncher {
    return {
      kind: launcher.kind,
      launch: (launch) => this.watchProcess(launcher.launch(launch), launch, watch),
    };
  }

  /** Whether an exit of this process was already recorded here (so a job's failure need not record it again). */
  hasRecorded(pid: number | null | undefined): boolean {
    return pid !== null && pid !== undefined && this.recorded.has(pid);
  }

  /** Writes a record, tracked so settled() waits for it. Never rejects. */
  record(record: CrashRecord): Promise<string | null> {
    if (record.pid !== undefined) this.recorded.add(record.pid);
    const write = writeCrashRecord(this.options.dataDir, record, this.options.redactor()).then(
      (file) => {
        this.options.onRecorded?.(record, file);
        return file;
      },
      (error: unknown) => {
        this.options.onError?.(error, record);
        return null;
      },
    );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
    return write;
  }

  /** Resolves once every record started so far is on disk (or failed). */
  async settled(): Promise<void> {
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }

  private watchProcess(worker: WorkerProcess, launch: LaunchOptions, watch: WatchOptions): WorkerProcess {
    let expected = false;
    let jobId: string | null = null;
    /** Which circuit the job was proving: its key's hash, which names a circuit and nobody. */
    let zkeySha256: string | null = null;
    let doing: Activity = 'starting';
    const lines: string[] = [];
    worker.onMessage((message: WorkerToMain) => {
      if (message.type === 'log') {
        lines.push(logLine(message));
        if (lines.length > LAST_LOG_LINES) lines.shift();
        if (watch.onLog && worker.pid !== undefined) watch.onLog(worker.pid, message);
      } else if (message.type === 'ready') {
        doing = 'idle';
      } else if ((message.type === 'result' || message.type === 'error') && message.jobId === jobId) {
        jobId = null;
        doing = 'idle';
      } else if (message.type === 'calibration' || message.type === 'calibration-error') {
        doing = 'idle';
      }
    });
    worker.onExit((exit) => {
      if (!isAbnormalExit(exit.code, exit.signal, expected)) return;
      void this.record(this.describe(exit, worker.pid, launch.name, { jobId: doing === 'proving' ? jobId : null, zkeySha256: doing === 'proving' ? zkeySha256 : null, doing }, lines));
    });
    return {
      get pid() {
        return worker.pid;
      },
      post: (message: MainToWorker) => {
        if (message.type === 'shutdown') expected = true;
        if (message.type === 'prove') {
          jobId = message.jobId;
          zkeySha256 = message.artifacts.zkeySha256;
          doing = 'proving';
        }
        if (message.type === 'calibrate') doing = 'calibrating';
        worker.post(message);
      },
      onMessage: (listener) => worker.onMessage(listener),
      onExit: (listener) => worker.onExit(listener),
      kill: () => {
        // Main ended it (a cancel, a time or memory limit): the job's own error says why.
        expected = true;
        worker.kill();
      },
    };
  }

  private describe(exit: WorkerExit, pid: number | undefined, name: string, at: { jobId: string | null; zkeySha256: string | null; doing: Activity }, lines: string[]): CrashRecord {
    const { jobId, zkeySha256, doing } = at;
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const stderr = exit.stderrTail.trim().split('\n').slice(-STDERR_LINES).join('\n');
    return {
      kind: 'worker-exit',
      at: (this.options.now?.() ?? new Date()).toISOString(),
      ...(pid !== undefined ? { pid } : {}),
      exitCode: exit.code,
      signal: exit.signal,
      ...(jobId ? { jobId } : {}),
      message: `The worker process ${name} ${how} while ${ACTIVITY_TEXT[doing]}.`,
      lastLogLines: [...lines],
      appVersion: this.options.appVersion,
      details: { worker: name, activity: doing, ...(zkeySha256 ? { zkeySha256 } : {}), ...(stderr ? { stderr } : {}) },
    };
  }
}

function logLine(message: LogMessage): string {
  const fields = Object.entries(message.fields ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return `${message.level} ${message.msg}${fields ? ` ${fields}` : ''}`;
}
