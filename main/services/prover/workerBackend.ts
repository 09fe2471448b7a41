// Which prover this machine's workers use, as they report it in their ready messages: main never
// decides it itself (a packaged app tells its workers where the binary is; only they know what
// they found there). Before any proving worker has reported, a probe worker is asked.
import { ZkError } from '../../../common/errors.js';
import type { BackendReport } from '../../../common/workerProtocol.js';
import type { WorkerLauncher } from './workerLauncher.js';

const PROBE_TIMEOUT_MS = 30_000;

/** Starts the probe worker (native-workers/backendProbe.js) under `launcher` and returns the backend it reports. */
export function askWorkerForBackend(launcher: WorkerLauncher, script: string): Promise<BackendReport> {
  const worker = launcher.launch({ script, name: 'zkdesk-backend-probe' });
  return new Promise<BackendReport>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.kill();
      reject(new ZkError('E_WORKER_START_FAILED', 'The proving process did not start in time.', { timeoutMs: PROBE_TIMEOUT_MS }));
    }, PROBE_TIMEOUT_MS);
    worker.onMessage((message) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      worker.post({ type: 'shutdown' });
      resolve(message.backend);
    });
    worker.onExit((exit) => {
      clearTimeout(timer);
      reject(new ZkError('E_WORKER_START_FAILED', undefined, { exitCode: exit.code, signal: exit.signal, stderr: exit.stderrTail.slice(-400) }));
    });
  });
}

/** The latest report from any worker; asks a probe worker once when none has come yet. */
export class WorkerBackend {
  private latest: BackendReport | null = null;
  private probing: Promise<BackendReport> | null = null;

  constructor(private readonly probe: () => Promise<BackendReport>) {}

  record(report: BackendReport): void {
    this.latest = report;
  }

  /** What the workers reported last, or null when none has yet. */
  get reported(): BackendReport | null {
    return this.latest;
  }

  async current(): Promise<BackendReport> {
    if (this.latest) return this.latest;
    this.probing ??= this.probe().finally(() => {
      this.probing = null;
    });
    const report = await this.probing;
    this.latest ??= report;
    return this.latest;
  }
}
