// Workers as Node child processes: what the CLI, the headless host and the tests use.
import { fork } from 'node:child_process';
import { isWorkerToMain } from '../../../common/workerProtocol.js';
import { takeSpareWorker } from './spareWorker.js';
import { appendTail, ExitNotifier, type LaunchOptions, type WorkerLauncher, type WorkerProcess } from './workerLauncher.js';
import { workerEnvironment } from './workerEnvironment.js';

export class NodeWorkerLauncher implements WorkerLauncher {
  readonly kind = 'node-child' as const;

  constructor(private readonly onOutput?: (line: string, stream: 'stdout' | 'stderr', pid: number | undefined) => void) {}

  launch(options: LaunchOptions): WorkerProcess {
    return takeSpareWorker(options) ?? this.fork(options);
  }

  private fork(options: LaunchOptions): WorkerProcess {
    const execArgv = options.maxOldSpaceMb ? [`--max-old-space-size=${Math.max(16, Math.floor(options.maxOldSpaceMb))}`] : [];
    const child = fork(options.script, [], {
      execArgv,
      env: workerEnvironment(process.env, { ...options.env, ZKDESK_WORKER_NAME: options.name }),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stdout?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = appendTail(stderrTail, chunk);
      this.onOutput?.(chunk, 'stderr', child.pid);
    });
    child.stdout?.on('data', (chunk: string) => this.onOutput?.(chunk, 'stdout', child.pid));

    const exit = new ExitNotifier();
    // 'close' waits for stdio to drain, so the stderr tail is complete when we report it.
    child.on('close', (code, signal) => exit.notify({ code, signal, stderrTail }));
    child.on('error', (error) => {
      stderrTail = appendTail(stderrTail, `\n${error.message}`);
    });

    return {
      get pid() {
        return child.pid;
      },
      post: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) =>
        child.on('message', (message: unknown) => {
          if (isWorkerToMain(message)) listener(message);
        }),
      onExit: (listener) => exit.onExit(listener),
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  }
}
