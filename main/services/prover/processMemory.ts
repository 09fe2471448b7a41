// Resident memory of another process, read from outside it: a worker busy in a synchronous
// witness calculation cannot answer, but the kernel can.
import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export type ProcessMemoryProbe = (pid: number) => Promise<number | null>;

async function linuxOwnRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** A worker's memory includes the native prover it runs as a child: the memory cap is for the job. */
async function linuxRss(pid: number): Promise<number | null> {
  const own = await linuxOwnRss(pid);
  if (own === null) return null;
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const theirs = await Promise.all(children.split(/\s+/).filter(Boolean).map((child) => linuxOwnRss(Number(child))));
  return theirs.reduce<number>((sum, rss) => sum + (rss ?? 0), own);
}

async function psRss(pid: number): Promise<number | null> {
  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'rss=', '-p', String(pid)]);
    const kb = Number(stdout.trim());
    return Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
  } catch {
    return null;
  }
}

/** RSS in bytes, or null when it cannot be read (the process is gone, or no probe works here). */
export const readProcessRss: ProcessMemoryProbe =
  process.platform === 'linux' ? linuxRss : process.platform === 'win32' ? async () => null : psRss;
