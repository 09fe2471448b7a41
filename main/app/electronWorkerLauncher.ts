// Workers as Electron utility processes: the same worker script as under Node, started with
// utilityProcess.fork so they are Chromium-sandbox-aware children of the app and show up in
// its task manager. Only this file differs from nodeWorkerLauncher.ts.
import { utilityProcess } from 'electron';
import { isWorkerToMain } from '../../native-workers/protocol.js';
import { appendTail, ExitNotifier, type LaunchOptions, type WorkerLauncher, type WorkerProcess } from '../services/prover/workerLauncher.js';

export class ElectronWorkerLauncher implements WorkerLauncher {
  readonly kind = 'electron-utility' as const;

  launch(options: LaunchOptions): WorkerProcess {
    const execArgv = options.maxOldSpaceMb ? [`--max-old-space-size=${Math.max(16, Math.floor(options.maxOldSpaceMb))}`] : [];
    const child = utilityProcess.fork(options.script, [], {
      serviceName: options.name,
      execArgv,
      env: { ...process.env, ...options.env, ZKDESK_WORKER_NAME: options.name },
      stdio: 'pipe',
    });
    let stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = appendTail(stderrTail, chunk);
    });

    const exit = new ExitNotifier();
    let killedByUs = false;
    // utilityProcess reports no signal; a kill we sent is reported as SIGKILL, like Node.
    child.on('exit', (code) => exit.notify({ code: killedByUs ? null : code, signal: killedByUs ? 'SIGKILL' : null, stderrTail }));

    return {
      get pid() {
        return child.pid;
      },
      post: (message) => {
        if (!exit.exited) child.postMessage(message);
      },
      onMessage: (listener) =>
        child.on('message', (message: unknown) => {
          if (isWorkerToMain(message)) listener(message);
        }),
      onExit: (listener) => exit.onExit(listener),
      kill: () => {
        if (exit.exited) return;
        killedByUs = true;
        // kill() sends SIGTERM, which a busy worker may not act on soon; SIGKILL where we can.
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(child.pid, 'SIGKILL');
        else child.kill();
      },
    };
  }
}
