// The one difference between Electron and plain Node for workers: how a process is started.
// Electron's utilityProcess.fork (main/app/electronWorkerLauncher.ts) and Node's
// child_process.fork (nodeWorkerLauncher.ts) both implement this.
import type { MainToWorker, WorkerToMain } from '../../../common/workerProtocol.js';

export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** The last few KB the worker wrote to stderr: how a V8 heap OOM announces itself. */
  stderrTail: string;
}

export interface WorkerProcess {
  readonly pid: number | undefined;
  post(message: MainToWorker): void;
  onMessage(listener: (message: WorkerToMain) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends the process at once (SIGKILL where the platform has it). */
  kill(): void;
}

export interface LaunchOptions {
  /** Absolute path of the worker script. */
  script: string;
  /** A name for logs and the OS process list. */
  name: string;
  /** V8 heap limit for the worker; the pool also watches its resident memory. */
  maxOldSpaceMb?: number;
  env?: Record<string, string>;
}

export interface WorkerLauncher {
  readonly kind: 'electron-utility' | 'node-child';
  launch(options: LaunchOptions): WorkerProcess;
}

export const STDERR_TAIL_BYTES = 8 * 1024;

/** Keeps the tail of a stream of text without growing. */
export function appendTail(tail: string, chunk: string): string {
  const joined = tail + chunk;
  return joined.length > STDERR_TAIL_BYTES ? joined.slice(joined.length - STDERR_TAIL_BYTES) : joined;
}

/** Remembers how a process ended and tells every listener, also those that subscribe later. */
export class ExitNotifier {
  private exit: WorkerExit | null = null;
  private readonly listeners: Array<(exit: WorkerExit) => void> = [];

  get exited(): boolean {
    return this.exit !== null;
  }

  notify(exit: WorkerExit): void {
    this.exit = exit;
    for (const listener of this.listeners) listener(exit);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    if (this.exit) listener(this.exit);
    else this.listeners.push(listener);
  }
}
