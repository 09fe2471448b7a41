// The loaded pass's load: busy loops the bench starts itself (one per core by default, as
// ../shared/scripts/under-load does), and stops by their own pids when the pass ends, when the
// bench fails, and when it is interrupted: a bench must never leave a core spinning.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export class BusyLoops {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(count: number): BusyLoops {
    const children = Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    const loops = new BusyLoops(children);
    process.once('exit', () => loops.killNow());
    return loops;
  }

  get pids(): number[] {
    return this.children.flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
  }

  private killNow(): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    const exits = this.children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => once(c, 'exit'));
    this.killNow();
    await Promise.all(exits);
  }
}
