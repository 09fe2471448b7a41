// The warm worker processes jobs run on: as many as the limits allow, each under the memory cap
// it was started with, an idle one pinged before it gets a job (and on a timer) and replaced
// when it does not answer, a dead one replaced by the next job that needs it.
import type { ProverEvent } from '../../../common/prover/proverTypes.js';
import type { ProcessMemoryProbe } from './processMemory.js';
import { readProcessRss } from './processMemory.js';
import type { WorkerLauncher } from './workerLauncher.js';
import { WorkerSlot } from './workerSlot.js';

export interface PoolLimits {
  poolSize: number;
  memoryCapBytes: number;
}

export interface WorkerPoolOptions {
  launcher: WorkerLauncher;
  /** Absolute path of native-workers/prover.js. */
  workerScript: string;
  /**
   * A worker idle and silent for idleMs is pinged before it gets a job (and by a timer); one
   * that does not answer within timeoutMs is killed and replaced. null: never checked.
   */
  healthCheck?: { idleMs: number; timeoutMs: number } | null;
  workerCacheMb?: number;
  probe?: ProcessMemoryProbe;
  onWorkerLog?: (level: string, msg: string, fields: Record<string, unknown>) => void;
  /** The limits in force now (they change with the settings). */
  limits: () => PoolLimits;
  /** Whether a job holds this worker: the job list, not the pool, knows. */
  isAssigned: (slot: WorkerSlot) => boolean;
  /** A worker became free (it answered a health check, or one died and can be replaced): start what waits. */
  onFreed: () => void;
  emit: (event: ProverEvent) => void;
}

const DEFAULT_HEALTH_CHECK = { idleMs: 30_000, timeoutMs: 5_000 };

export class WorkerPool {
  private readonly slots = new Set<WorkerSlot>();
  private workerSeq = 0;
  private readonly health: { idleMs: number; timeoutMs: number } | null;
  private readonly healthTimer: NodeJS.Timeout | null;

  constructor(private readonly options: WorkerPoolOptions) {
    this.health = options.healthCheck === undefined ? DEFAULT_HEALTH_CHECK : options.healthCheck;
    this.healthTimer = this.health ? setInterval(() => this.checkIdleWorkers(), this.health.idleMs) : null;
    // The check must not keep a CLI or a test process alive on its own.
    this.healthTimer?.unref();
  }

  pids(): number[] {
    return [...this.slots].map((s) => s.pid).filter((pid): pid is number => pid !== undefined);
  }

  /** Idle workers under an old memory cap, or beyond a smaller pool, go; busy ones finish first. */
  reconfigure(limits: PoolLimits): void {
    let kept = 0;
    for (const slot of this.slots) {
      if (slot.retiring) continue;
      const idle = slot.state === 'idle' && !this.options.isAssigned(slot);
      const stale = slot.memoryCapBytes !== limits.memoryCapBytes;
      if (idle && (stale || kept >= limits.poolSize)) void slot.shutdown();
      else kept++;
    }
  }

  /** Starts workers ahead of the first job, so it does not pay for the curve's start. */
  async warmUp(count: number): Promise<void> {
    const wanted = Math.min(count, this.options.limits().poolSize) - this.slots.size;
    const started: WorkerSlot[] = [];
    for (let i = 0; i < wanted; i++) started.push(this.startSlot());
    await Promise.all(started.map((s) => s.ready));
  }

  /** A worker ready for a job (started now if the pool has room), or undefined when none is free. */
  idleSlot(): WorkerSlot | undefined {
    const { memoryCapBytes, poolSize } = this.options.limits();
    for (const slot of this.slots) {
      if ((slot.state !== 'idle' && slot.state !== 'starting') || slot.retiring || slot.checking || this.options.isAssigned(slot)) continue;
      if (this.needsHealthCheck(slot)) {
        this.checkHealthOf(slot);
        continue;
      }
      if (slot.memoryCapBytes === memoryCapBytes) return slot;
      // Started under an older cap: retire it; a fresh one is started below once it is gone.
      if (slot.state === 'idle') void slot.shutdown();
    }
    const live = [...this.slots].filter((slot) => !slot.retiring).length;
    if (live < poolSize) return this.startSlot();
    return undefined;
  }

  /** Lets every worker free its threads and exit. */
  async close(): Promise<void> {
    if (this.healthTimer) clearInterval(this.healthTimer);
    await Promise.all([...this.slots].map((slot) => slot.shutdown()));
  }

  private startSlot(): WorkerSlot {
    const slot = new WorkerSlot(this.options.launcher, {
      script: this.options.workerScript,
      name: `zkdesk-prover-${++this.workerSeq}`,
      memoryCapBytes: this.options.limits().memoryCapBytes,
      probe: this.options.probe ?? readProcessRss,
      cacheMb: this.options.workerCacheMb,
      onLog: (record, pid) => this.options.onWorkerLog?.(record.level, record.msg, { ...record.fields, pid }),
    });
    this.slots.add(slot);
    this.options.emit({ type: 'worker', event: 'started', pid: slot.pid });
    slot.onDeath((exit) => {
      this.slots.delete(slot);
      this.options.emit({ type: 'worker', event: 'exited', pid: slot.pid, detail: exit.signal ?? String(exit.code) });
      // Heal: queued jobs go on with a fresh worker.
      this.options.onFreed();
    });
    return slot;
  }

  /** An idle worker that has been silent a while: ask it first whether it still answers. */
  private needsHealthCheck(slot: WorkerSlot): boolean {
    return this.health !== null && slot.state === 'idle' && slot.quietForMs > this.health.idleMs;
  }

  private checkHealthOf(slot: WorkerSlot): void {
    if (!this.health || slot.checking) return;
    // A worker that answers goes back to the pool; one that does not is killed, and its death heals the pool.
    void slot.checkHealth(this.health.timeoutMs).then((answered) => {
      if (answered) this.options.onFreed();
    });
  }

  private checkIdleWorkers(): void {
    for (const slot of this.slots) {
      if (!slot.retiring && !this.options.isAssigned(slot) && this.needsHealthCheck(slot)) this.checkHealthOf(slot);
    }
  }
}
