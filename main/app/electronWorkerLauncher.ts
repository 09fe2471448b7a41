// Workers as Electron utility processes: the same worker script as under Node, started with
// utilityProcess.fork so they are Chromium-sandbox-aware children of the app and show up in
// its task manager. Only this file differs from nodeWorkerLauncher.ts.
import path from 'node:path';
import { app, utilityProcess } from 'electron';
import { isWorkerToMain } from '../../common/workerProtocol.js';
import { appendTail, ExitNotifier, type LaunchOptions, type WorkerLauncher, type WorkerProcess } from '../services/prover/workerLauncher.js';

/** How long an exit waits for the pipes to drain before it is reported anyway. */
const DRAIN_WAIT_MS = 1000;

/** A packaged app ships the native prover in its resources (electron-builder.yml), not in dist/. */
function nativeProverEnv(): Record<string, string> {
  return app.isPackaged ? { ZKDESK_NATIVE_PROVER: path.join(process.resourcesPath, 'native', 'zkdesk-groth16') } : {};
}

export class ElectronWorkerLauncher implements WorkerLauncher {
  readonly kind = 'electron-utility' as const;

  constructor(private readonly onOutput?: (line: string, stream: 'stdout' | 'stderr', pid: number | undefined) => void) {}

  launch(options: LaunchOptions): WorkerProcess {
    const execArgv = options.maxOldSpaceMb ? [`--max-old-space-size=${Math.max(16, Math.floor(options.maxOldSpaceMb))}`] : [];
    const child = utilityProcess.fork(options.script, [], {
      serviceName: options.name,
      execArgv,
      env: { ...process.env, ...nativeProverEnv(), ...options.env, ZKDESK_WORKER_NAME: options.name },
      stdio: 'pipe',
    });
    let stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stdout?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = appendTail(stderrTail, chunk);
      this.onOutput?.(chunk, 'stderr', child.pid);
    });
    // Read stdout even with no listener: a circuit's circom log() lines would otherwise fill the pipe and stall the worker.
    child.stdout?.on('data', (chunk: string) => this.onOutput?.(chunk, 'stdout', child.pid));
    const drained = Promise.all(
      [child.stdout, child.stderr].map((stream) => (stream ? new Promise<void>((resolve) => stream.once('end', () => resolve()).once('close', () => resolve())) : Promise.resolve())),
    );

    const exit = new ExitNotifier();
    let killedByUs = false;
    // The process is gone (posting to it or killing it would fail) before its exit is reported.
    let exited = false;
    // utilityProcess reports no signal; a kill we sent is reported as SIGKILL, like Node. 'exit'
    // can come before stderr's last bytes (a V8 heap OOM's report): wait for the pipes, briefly.
    child.on('exit', (code) => {
      exited = true;
      const report = () => {
        if (!exit.exited) exit.notify({ code: killedByUs ? null : code, signal: killedByUs ? 'SIGKILL' : null, stderrTail });
      };
      const timer = setTimeout(report, DRAIN_WAIT_MS);
      void drained.then(() => {
        clearTimeout(timer);
        report();
      });
    });

    return {
      get pid() {
        return child.pid;
      },
      post: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) =>
        child.on('message', (message: unknown) => {
          if (isWorkerToMain(message)) listener(message);
        }),
      onExit: (listener) => exit.onExit(listener),
      kill: () => {
        if (exited) return;
        killedByUs = true;
        // kill() sends SIGTERM, which a busy worker may not act on soon; SIGKILL where we can.
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(child.pid, 'SIGKILL');
        else child.kill();
      },
    };
  }
}
