import { describe, expect, it } from 'vitest';
import { ProofQueue, type Queued } from '../../../main/services/prover/proofQueue.js';

const job = (id: string, priority: number, seq: number): Queued => ({ id, priority, seq });

describe('ProofQueue', () => {
  it('runs higher priority first and keeps submission order within a priority', () => {
    const q = new ProofQueue<Queued>();
    q.push(job('a', 0, 0));
    q.push(job('b', 5, 1));
    q.push(job('c', 0, 2));
    q.push(job('d', 5, 3));
    const order: string[] = [];
    for (let item = q.takeHeadIf(() => true); item; item = q.takeHeadIf(() => true)) order.push(item.id);
    expect(order).toEqual(['b', 'd', 'a', 'c']);
  });

  it('does not let a smaller job overtake a head that does not fit yet', () => {
    const q = new ProofQueue<Queued & { bytes: number }>();
    q.push({ ...job('big', 0, 0), bytes: 100 });
    q.push({ ...job('small', 0, 1), bytes: 1 });
    expect(q.takeHeadIf((j) => j.bytes < 50)).toBeUndefined();
    expect(q.length).toBe(2);
  });

  it('removes a job by id, for cancel', () => {
    const q = new ProofQueue<Queued>();
    q.push(job('a', 0, 0));
    q.push(job('b', 0, 1));
    expect(q.remove('a')?.id).toBe('a');
    expect(q.remove('a')).toBeUndefined();
    expect(q.snapshot().map((j) => j.id)).toEqual(['b']);
  });
});
