// The native Groth16 prover (native-prover/, built to dist/native/<os>-<arch>/) as one call from
// the proving worker: the witness goes in on stdin, the proof comes back on stdout in snarkjs's
// JSON. It proves the same statement as snarkjs.groth16.prove several times faster; the worker
// still verifies every proof with snarkjs, and falls back to snarkjs when the native prover cannot
// be used or fails in a way it does not explain. Which binary, and why, is decided here, in the
// worker, and reported to main in the ready message (main never guesses).
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ZkError } from '../common/errors.js';
import { projectRoot } from '../node/resourcePaths.js';
import { chooseBinary, cpuFlags, nativeTarget, parseNativeManifest } from './nativeManifest.js';

import type { BackendReport, ProverBackend } from '../common/workerProtocol.js';

export type { ProverBackend };

export interface NativeProof {
  proof: unknown;
  publicSignals: string[];
  /** The native process's own peak resident memory (Linux's ru_maxrss), in bytes. */
  peakRssBytes: number;
}

/** A failure the native prover did not explain (a crash, unreadable output): snarkjs gets the job. */
export class NativeProverUnusable extends Error {}

/** Where the native prover is and how to start it, with the sentence the ready message carries. */
export interface NativeSelection {
  report: BackendReport;
  /** The binary, or null when this worker proves with snarkjs. */
  binary: string | null;
  /** A command the binary runs under (qemu-aarch64, wine), for the tests of cross builds. */
  launcher: string[];
}

/**
 * The CPU's instruction-set extensions, lower-case, where they can be read: Linux's /proc/cpuinfo,
 * macOS's sysctl. Null elsewhere (binaries needing extensions are then not used).
 */
function machineCpuFeatures(): Set<string> | null {
  try {
    if (process.platform === 'linux') return cpuFlags(readFileSync('/proc/cpuinfo', 'utf8'));
    if (process.platform === 'darwin') {
      const out = execFileSync('sysctl', ['-n', 'machdep.cpu.features', 'machdep.cpu.leaf7_features'], { encoding: 'utf8' });
      return new Set(out.toLowerCase().split(/\s+/).filter(Boolean));
    }
  } catch {
    // Unreadable: treated as unknown.
  }
  return null;
}

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function snarkjsBecause(reason: string): NativeSelection {
  return { report: { backend: 'snarkjs', binary: null, field: null, reason }, binary: null, launcher: [] };
}

/**
 * Which prover this worker uses, and why. In order: ZKDESK_PROVER_BACKEND=snarkjs asks for snarkjs
 * (benchmarks, comparisons); ZKDESK_NATIVE_PROVER names one binary outright; else the manifest in
 * ZKDESK_NATIVE_DIR (the packaged app's resources/native) or dist/native/<os>-<arch>/
 * (ZKDESK_NATIVE_TARGET and ZKDESK_NATIVE_LAUNCHER let the tests run another target's build under
 * qemu-user or wine). A binary is used only if its sha256 matches the manifest, checked here once
 * per worker, before its first proof.
 */
export function selectNativeProver(env: NodeJS.ProcessEnv = process.env, cpuFeatures: () => Set<string> | null = machineCpuFeatures): NativeSelection {
  if (env.ZKDESK_PROVER_BACKEND === 'snarkjs') return snarkjsBecause('ZKDESK_PROVER_BACKEND=snarkjs asks for snarkjs');
  const launcher = env.ZKDESK_NATIVE_LAUNCHER ? env.ZKDESK_NATIVE_LAUNCHER.split(' ').filter(Boolean) : [];
  if (env.ZKDESK_NATIVE_PROVER) {
    const file = env.ZKDESK_NATIVE_PROVER;
    if (!existsSync(file)) return snarkjsBecause(`ZKDESK_NATIVE_PROVER names ${path.basename(file)}, which does not exist`);
    return { report: { backend: 'native', binary: path.basename(file), field: null, reason: 'named by ZKDESK_NATIVE_PROVER' }, binary: file, launcher };
  }
  const target = env.ZKDESK_NATIVE_TARGET ?? nativeTarget(process.platform, process.arch);
  if (!target) return snarkjsBecause(`no native prover is built for ${process.platform}-${process.arch}`);
  const dir = env.ZKDESK_NATIVE_DIR ?? path.join(projectRoot(), 'dist', 'native', target);
  let manifest;
  try {
    manifest = parseNativeManifest(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return snarkjsBecause(missing ? `the native prover for ${target} was not built (npm run build:native)` : `the ${target} native prover manifest is unreadable (${why})`);
  }
  const mismatched: string[] = [];
  const choice = chooseBinary(manifest, cpuFeatures(), (file) => {
    const full = path.join(dir, file);
    if (!existsSync(full)) return false;
    const expected = manifest.binaries.find((b) => b.file === file)?.sha256;
    if (sha256File(full) === expected) return true;
    mismatched.push(file);
    return false;
  });
  const damaged = mismatched.length ? ` (${mismatched.join(', ')}: sha256 does not match the manifest)` : '';
  if (!choice.binary) return snarkjsBecause(`${choice.reason}${damaged}`);
  return {
    report: { backend: 'native', binary: `${target}/${choice.binary.file}`, field: choice.binary.field, reason: `${choice.reason}${damaged}` },
    binary: path.join(dir, choice.binary.file),
    launcher,
  };
}

/** Its own words (after "error: ") turned into what the user is told. */
function explained(reason: string): ZkError | null {
  if (/the witness has \d+ values, the proving key expects \d+/.test(reason)) {
    return new ZkError('E_ARTIFACT_CORRUPT', 'The proving key does not belong to this circuit.', { file: 'proving key', reason, backend: 'native' });
  }
  if (/truncated|too short|wrong size|damaged|Invalid file type|Invalid version|not groth16|not on the bn128 curve|power of two/.test(reason)) {
    return new ZkError('E_ARTIFACT_CORRUPT', 'The proving key could not be read: it is damaged.', { file: 'proving key', reason, backend: 'native' });
  }
  if (/bad_alloc|Cannot allocate/i.test(reason)) return new ZkError('E_OUT_OF_MEMORY', undefined, { reason, stage: 'prove', backend: 'native' });
  return null;
}

/** The binary this machine's workers would prove with (null: snarkjs), for the benches and tests that run it directly. */
export function locateNativeProver(env: NodeJS.ProcessEnv = process.env): string | null {
  const selection = selectNativeProver(env);
  return selection.launcher.length === 0 ? selection.binary : null;
}

/** A pinned blinding is for the tests that run the binary directly, never for a worker's proofs. */
export function proverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ZKDESK_TEST_FIXED_BLINDING: _pinned, ...rest } = env;
  return rest;
}

/**
 * What is left of the job's memory cap once this worker's own memory is counted: the native
 * prover sets it as its kernel limit (setrlimit), so an allocation past the cap fails at once
 * rather than at main's next memory sample, 100 ms later.
 */
export function nativeMemoryLimitEnv(env: NodeJS.ProcessEnv, workerRssBytes: number): Record<string, string> {
  const cap = Number(env.ZKDESK_WORKER_MEMORY_CAP_BYTES);
  if (!Number.isFinite(cap) || cap <= 0) return {};
  // Never below 16 MB: with less, its threads cannot start and snarkjs takes the job, still under main's sampling.
  return { ZKDESK_PROVER_MEMORY_LIMIT_BYTES: String(Math.max(16 * 1024 * 1024, Math.floor(cap - workerRssBytes))) };
}

export class NativeGroth16 {
  constructor(
    private readonly binary: string,
    private readonly launcher: string[] = [],
  ) {}

  prove(zkeyPath: string, witness: Uint8Array, onProgress: (fraction: number, step: string) => void): Promise<NativeProof> {
    return new Promise((resolve, reject) => {
      const [command, ...prefix] = [...this.launcher, this.binary];
      // Not detached: on Windows libuv then puts the prover in its kill-on-close job object, so
      // it dies with this worker. --watch-stdin: everywhere, it also ends when stdin closes, and
      // stdin stays open until it exits.
      const child = spawn(command as string, [...prefix, '--watch-stdin', zkeyPath, '-'], {
        env: { ...proverEnv(process.env), ...nativeMemoryLimitEnv(process.env, process.memoryUsage.rss()) },
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        detached: false,
      });
      const out: Buffer[] = [];
      let errorLine = '';
      let peakRssBytes = 0;
      let pending = '';
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const step = /^@progress ([\d.]+) (\S+)/.exec(line);
          if (step) onProgress(Number(step[1]), step[2] ?? '');
          else if (line.startsWith('@peak ')) peakRssBytes = Number(line.slice('@peak '.length)) || 0;
          else if (line.startsWith('error: ')) errorLine = line.slice('error: '.length);
        }
      });
      // A prover that died before reading its witness closes stdin: that is reported on exit.
      child.stdin.on('error', () => {});
      child.on('error', (error) => reject(new NativeProverUnusable(`the native prover could not start: ${error.message}`)));
      child.on('close', (code, signal) => {
        child.stdin.destroy();
        if (code === 0) {
          try {
            const parsed = JSON.parse(Buffer.concat(out).toString('utf8')) as Omit<NativeProof, 'peakRssBytes'>;
            if (!parsed.proof || !Array.isArray(parsed.publicSignals)) throw new Error('no proof in its output');
            resolve({ proof: parsed.proof, publicSignals: parsed.publicSignals, peakRssBytes });
          } catch (error) {
            reject(new NativeProverUnusable(`the native prover's output could not be read: ${(error as Error).message}`));
          }
          return;
        }
        const known = code === 1 ? explained(errorLine) : null;
        reject(known ?? new NativeProverUnusable(signal ? `the native prover was stopped by ${signal}` : `the native prover exited with code ${code}: ${errorLine}`));
      });
      child.stdin.write(witness);
    });
  }
}
