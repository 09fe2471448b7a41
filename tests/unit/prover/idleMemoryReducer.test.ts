// The host gives back the memory its proofs took once it has been quiet: collections only while
// idle, stopped by the next job, never more than a few, and with V8's real young generation.
import { describe, expect, it } from 'vitest';
import { IdleMemoryReducer, youngGenerationBytes } from '../../../main/services/prover/idleMemoryReducer.js';

/** A young generation that shrinks to `floor` at the collection numbered `shrinksAt` (1-based). */
function fakeHeap(start: number, floor: number, shrinksAt: number) {
  const heap = { size: start, collections: 0, onCollect: (_n: number) => {} };
  return {
    heap,
    options: {
      idleAfterMs: 0,
      intervalMs: 0,
      collect: () => {
        heap.collections++;
        if (heap.collections >= shrinksAt) heap.size = floor;
        heap.onCollect(heap.collections);
      },
      youngGenerationBytes: () => heap.size,
    },
  };
}

describe('IdleMemoryReducer', () => {
  it('collects once the prover is idle and stops as soon as the young generation has shrunk', async () => {
    const { heap, options } = fakeHeap(1 << 20, 1 << 20, 4);
    const reducer = new IdleMemoryReducer(options);
    reducer.busy();
    heap.size = 16 << 20; // a busy spell grew it
    reducer.idle();
    const report = await reducer.settled();
    expect(report).toEqual({ collections: 4, youngGenerationBytes: 1 << 20 });
    expect(heap.collections).toBe(4);
  });

  it('does nothing while jobs run', async () => {
    const { heap, options } = fakeHeap(1 << 20, 1 << 20, 1);
    const reducer = new IdleMemoryReducer(options);
    reducer.busy();
    // Were a countdown running, a zero-delay timer would have fired by the time this one does.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(heap.collections).toBe(0);
    reducer.stop();
  });

  it('gives up after the most collections it may run when V8 does not shrink', async () => {
    const { heap, options } = fakeHeap(16 << 20, 16 << 20, Number.POSITIVE_INFINITY);
    const reducer = new IdleMemoryReducer({ ...options, maxCollections: 3 });
    heap.size = 32 << 20;
    reducer.idle();
    expect((await reducer.settled()).collections).toBe(3);
    expect(heap.collections).toBe(3);
  });

  it('a job that arrives mid-way stops the collections; the next quiet spell starts afresh', async () => {
    const { heap, options } = fakeHeap(1 << 20, 1 << 20, 6);
    const reducer = new IdleMemoryReducer(options);
    heap.size = 16 << 20;
    let resumed = false;
    heap.onCollect = (n) => {
      if (n === 2 && !resumed) {
        resumed = true;
        reducer.busy();
        // Nothing more runs while busy: the spell ends here, two collections in.
        queueMicrotask(() => {
          expect(heap.collections).toBe(2);
          reducer.idle();
        });
      }
    };
    reducer.idle();
    const report = await reducer.settled();
    expect(heap.collections).toBe(6);
    // Counted from the second spell, which began after collection 2.
    expect(report.collections).toBe(4);
  });

  it('idle() while already counting down or collecting does not start a second series', async () => {
    const { heap, options } = fakeHeap(1 << 20, 1 << 20, 3);
    const reducer = new IdleMemoryReducer(options);
    heap.size = 8 << 20;
    heap.onCollect = () => reducer.idle();
    reducer.idle();
    reducer.idle();
    expect((await reducer.settled()).collections).toBe(3);
    expect(heap.collections).toBe(3);
    // And once rested it stays rested until work comes.
    reducer.idle();
    expect((await reducer.settled()).collections).toBe(3);
    expect(heap.collections).toBe(3);
  });

  it('stop() ends the countdown and answers whoever waits', async () => {
    const { heap, options } = fakeHeap(1 << 20, 1 << 20, 1);
    const reducer = new IdleMemoryReducer({ ...options, idleAfterMs: 60_000 });
    reducer.idle();
    const waiting = reducer.settled();
    reducer.stop();
    expect((await waiting).collections).toBe(0);
    expect(heap.collections).toBe(0);
  });

  it('shrinks V8 young generation after a busy spell, with V8 own collections', async () => {
    const reducer = new IdleMemoryReducer({ idleAfterMs: 0, intervalMs: 1000 });
    reducer.busy();
    // A busy spell: enough short-lived objects that V8 grows the young generation to its most.
    let kept: unknown[] = [];
    for (let i = 0; i < 3_000_000; i++) {
      kept.push({ i, list: [i] });
      if (kept.length > 50_000) kept = [];
    }
    kept = [];
    const grown = youngGenerationBytes();
    expect(grown).toBeGreaterThan(4 << 20);
    reducer.idle();
    const report = await reducer.settled();
    expect(report.collections).toBeGreaterThan(0);
    expect(report.youngGenerationBytes).toBeLessThan(grown / 2);
  }, 30_000);
});
