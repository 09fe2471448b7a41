// How much other work wants the CPU, as the average number of runnable threads that are not the
// bench's (Linux's procs_running, sampled over a second while the bench is idle). Busy time would
// saturate at the core count and could not tell two busy loops from four; the run queue can.
// Recorded with every pass and printed beside every verdict, so a person reading a run knows how
// busy the machine was; the verdict itself does not lean on it (see compareWithBaseline.ts).
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

async function runnableThreads(): Promise<number | null> {
  try {
    const match = /^procs_running\s+(\d+)$/m.exec(await readFile('/proc/stat', 'utf8'));
    return match?.[1] ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Average runnable threads of other work over `ms`, or null where /proc/stat is not. */
export async function backgroundLoad(ms = 1000, everyMs = 50): Promise<number | null> {
  const seen: number[] = [];
  for (let t = 0; t < ms; t += everyMs) {
    const n = await runnableThreads();
    if (n === null) return null;
    // The reading thread itself is always one of them.
    seen.push(Math.max(0, n - 1));
    await sleep(everyMs);
  }
  return Math.round((seen.reduce((a, b) => a + b, 0) / seen.length) * 100) / 100;
}
