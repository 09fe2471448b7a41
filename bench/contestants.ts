// How each contestant is timed. Every one is a real process on the same files: node scripts
// (snarkjs's CLI, zkdesk's CLI) from the outside, native binaries (zkdesk's prover, rapidsnark)
// under GNU time for an exact peak, and plain snarkjs warm in one long-lived process.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readProcessRss } from '../main/services/prover/processMemory.js';

export interface Sample {
  ms: number;
  peakRssBytes: number | null;
}

/**
 * Runs a node script to completion, sampling its resident memory from outside. For `zkdesk prove
 * --json` the worker's own peak (a second process) is added from its report.
 */
export function timeNodeScript(file: string, args: string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let peak = 0;
    const child = execFile(process.execPath, [file, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      clearInterval(timer);
      const ms = performance.now() - t0;
      if (error) return reject(new Error(`${path.basename(file)} failed: ${stderr || error.message}`));
      const workerPeak = args.includes('--json') ? ((JSON.parse(stdout) as { peakRssBytes?: number }).peakRssBytes ?? 0) : 0;
      resolve({ ms, peakRssBytes: peak + workerPeak || null });
    });
    const timer = setInterval(() => {
      if (child.pid) void readProcessRss(child.pid).then((rss) => (peak = Math.max(peak, rss ?? 0)));
    }, 25);
  });
}

/** GNU time reports the child's own maximum resident set exactly; without it the peak is unknown. */
const GNU_TIME = '/usr/bin/time';

/** Runs a native prover binary once; the time includes reading the key, as a real proof's does. */
export function timeBinary(binary: string, args: string[], env: NodeJS.ProcessEnv, scratch: string): Promise<Sample> {
  const peakFile = path.join(scratch, `peak-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const timed = existsSync(GNU_TIME);
  const [file, argv] = timed ? [GNU_TIME, ['-f', '%M', '-o', peakFile, binary, ...args]] : [binary, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(file, argv, { env, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const ms = performance.now() - t0;
      if (error) return reject(new Error(`${path.basename(binary)} failed: ${stderr || error.message}`));
      if (!timed) return resolve({ ms, peakRssBytes: null });
      void readFile(peakFile, 'utf8')
        .then((text) => resolve({ ms, peakRssBytes: Number(text.trim().split('\n').at(-1)) * 1024 || null }))
        .catch(() => resolve({ ms, peakRssBytes: null }))
        .finally(() => void rm(peakFile, { force: true }));
    });
  });
}

/** Plain snarkjs.groth16.fullProve in one long-lived process (bench/warmSnarkjs.ts). */
export class WarmSnarkjs {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<WarmSnarkjs> {
    const child = fork(fileURLToPath(new URL('./warmSnarkjs.js', import.meta.url)), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    return new WarmSnarkjs(child);
  }

  prove(files: { wasmPath: string; zkeyPath: string }, input: unknown): Promise<Sample> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (reply: { ms?: number; maxRssBytes?: number; error?: string }) => {
        if (reply.error || reply.ms === undefined) reject(new Error(reply.error));
        else resolve({ ms: reply.ms, peakRssBytes: reply.maxRssBytes ?? null });
      });
      this.child.send({ wasm: files.wasmPath, zkey: files.zkeyPath, input });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.send('exit');
    await new Promise((resolve) => this.child.once('exit', resolve));
  }
}
