// Jobs waiting for a worker: higher priority first, first come first served within one.
export interface Queued {
  id: string;
  priority: number;
  /** Submission order, to keep equal priorities first-in first-out. */
  seq: number;
}

export class ProofQueue<T extends Queued> {
  private items: T[] = [];

  push(item: T): void {
    // Insert before the first item that should run after this one: O(n), and n is small.
    const at = this.items.findIndex((q) => q.priority < item.priority || (q.priority === item.priority && q.seq > item.seq));
    if (at === -1) this.items.push(item);
    else this.items.splice(at, 0, item);
  }

  /**
   * The head, removed, if the predicate admits it (e.g. it fits in free memory). Only the
   * head: letting smaller jobs overtake would starve a big one forever.
   */
  takeHeadIf(admit: (item: T) => boolean): T | undefined {
    const head = this.items[0];
    if (!head || !admit(head)) return undefined;
    return this.items.shift();
  }

  remove(id: string): T | undefined {
    const at = this.items.findIndex((q) => q.id === id);
    return at === -1 ? undefined : this.items.splice(at, 1)[0];
  }

  get length(): number {
    return this.items.length;
  }

  snapshot(): readonly T[] {
    return [...this.items];
  }

  drain(): T[] {
    const all = this.items;
    this.items = [];
    return all;
  }
}
