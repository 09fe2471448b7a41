// Gives back the memory a busy spell took once the prover has gone quiet.
//
// While proofs run, V8 grows the host's young generation (up to 32 MB over its two semispaces)
// and shrinks it again only at a collection that finds the allocation rate low. An idle app
// allocates almost nothing, so that collection does not come: the soak measured the host at rest
// 20 % bigger after 200 proofs than after 20, for as long as the app sits open. After a while
// without jobs this runs full collections a second apart: the first frees the spell's garbage,
// the later ones see the quiet (V8 judges the rate over its last few collections) and shrink the
// young generation, and V8 returns the pages to the system. It stops as soon as the young
// generation has shrunk (or is at the smallest it has been), a job arrives, or after a few tries.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleMemoryReducerOptions {
  /** How long the prover must have had no job before the first collection. */
  idleAfterMs?: number;
  /** Between collections: long enough for V8 to see the allocation rate has fallen. */
  intervalMs?: number;
  /** At most this many collections per quiet spell. */
  maxCollections?: number;
  /** A full garbage collection; V8's own unless a test gives another. */
  collect?: () => void;
  /** The young generation's size in bytes now. */
  youngGenerationBytes?: () => number;
}

export interface IdleMemoryReport {
  /** Collections run in the last quiet spell. */
  collections: number;
  /** The young generation's size when they stopped. */
  youngGenerationBytes: number;
}

/** quiet: counting down to, or between, collections. */
type State = 'busy' | 'quiet' | 'rested' | 'stopped';

/** V8's `gc()`, reached without starting Node with --expose-gc and without leaving it on the global object. */
export function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return () => (exposed as () => void)();
  setFlagsFromString('--expose-gc');
  try {
    // A new context is created with the flag set, so it has gc; this one does not get it.
    const gc = runInNewContext('gc') as () => void;
    return () => gc();
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

export class IdleMemoryReducer {
  private state: State = 'busy';
  private timer: NodeJS.Timeout | null = null;
  private collections = 0;
  /** The young generation's size when this quiet spell began. */
  private spellStartBytes = 0;
  /** The smallest the young generation has been seen: where V8 shrinks it back to. */
  private floor: number;
  private collectFn: (() => void) | null;
  private readonly waiters: Array<(report: IdleMemoryReport) => void> = [];
  private readonly idleAfterMs: number;
  private readonly intervalMs: number;
  private readonly maxCollections: number;
  private readonly measure: () => number;

  constructor(options: IdleMemoryReducerOptions = {}) {
    this.idleAfterMs = options.idleAfterMs ?? 5000;
    this.intervalMs = options.intervalMs ?? 1000;
    this.maxCollections = options.maxCollections ?? 10;
    this.collectFn = options.collect ?? null;
    this.measure = options.youngGenerationBytes ?? youngGenerationBytes;
    this.floor = this.measure();
  }

  /** Work is queued or running: no collection until it is idle again. */
  busy(): void {
    if (this.state === 'stopped' || this.state === 'busy') return;
    this.clearTimer();
    this.state = 'busy';
  }

  /** Nothing queued or running: start counting down, once per quiet spell. */
  idle(): void {
    if (this.state !== 'busy') return;
    this.state = 'quiet';
    this.collections = 0;
    this.spellStartBytes = this.measure();
    this.schedule(this.idleAfterMs);
  }

  /** No more collections (the service is closing). */
  stop(): void {
    this.clearTimer();
    this.state = 'stopped';
    this.settle();
  }

  /** Resolves when the current or next quiet spell's collections are done (at once if they are). */
  settled(): Promise<IdleMemoryReport> {
    if (this.state === 'rested' || this.state === 'stopped') return Promise.resolve(this.report());
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.tick(), ms);
    // A CLI command that has finished its proof must not wait for this.
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    if (this.state !== 'quiet') return;
    this.collectFn ??= fullCollection();
    this.collectFn();
    this.collections++;
    const size = this.measure();
    const shrunk = size <= this.floor || size < this.spellStartBytes;
    this.floor = Math.min(this.floor, size);
    if (shrunk || this.collections >= this.maxCollections) {
      this.state = 'rested';
      this.settle();
      return;
    }
    this.schedule(this.intervalMs);
  }

  private report(): IdleMemoryReport {
    return { collections: this.collections, youngGenerationBytes: this.measure() };
  }

  private settle(): void {
    const report = this.report();
    for (const resolve of this.waiters.splice(0)) resolve(report);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
