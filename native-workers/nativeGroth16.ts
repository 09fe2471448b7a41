// The native Groth16 prover (native-prover/, built to dist/native/zkdesk-groth16) as one call
// from the proving worker: the witness goes in on stdin, the proof comes back on stdout in
// snarkjs's JSON. It proves the same statement as snarkjs.groth16.prove several times faster;
// the worker still verifies every proof with snarkjs, and falls back to snarkjs when the
// native prover cannot be used or fails in a way it does not explain.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ZkError } from '../common/errors.js';
import { projectRoot } from '../node/resourcePaths.js';

import type { ProverBackend } from '../common/workerProtocol.js';

export type { ProverBackend };

export interface NativeProof {
  proof: unknown;
  publicSignals: string[];
  /** The native process's own peak resident memory (Linux's ru_maxrss), in bytes. */
  peakRssBytes: number;
}

/** A failure the native prover did not explain (a crash, unreadable output): snarkjs gets the job. */
export class NativeProverUnusable extends Error {}

/**
 * ffiasm's field code uses mulx, adcx and adox: without BMI2 and ADX the binary would die of an
 * illegal instruction. Linux says which extensions the CPU has in /proc/cpuinfo.
 */
export function cpuRunsNativeProver(cpuinfo: string): boolean {
  const flags = new Set(/^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.split(/\s+/) ?? []);
  return flags.has('bmi2') && flags.has('adx');
}

/**
 * Where the binary is, or null when workers should prove with snarkjs: ZKDESK_PROVER_BACKEND=snarkjs
 * asks for that (benchmarks, comparisons); ZKDESK_NATIVE_PROVER names the binary (the packaged
 * app's resources); else the build's dist/native/.
 */
export function locateNativeProver(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ZKDESK_PROVER_BACKEND === 'snarkjs') return null;
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const file = env.ZKDESK_NATIVE_PROVER ?? path.join(projectRoot(), 'dist', 'native', 'zkdesk-groth16');
  if (!existsSync(file)) return null;
  try {
    return cpuRunsNativeProver(readFileSync('/proc/cpuinfo', 'utf8')) ? file : null;
  } catch {
    return null;
  }
}

let located: ProverBackend | undefined;

/** The backend this machine's workers prove with, as main plans for it (memory, estimates). */
export function machineBackend(): ProverBackend {
  located ??= locateNativeProver() ? 'native' : 'snarkjs';
  return located;
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

export class NativeGroth16 {
  constructor(private readonly binary: string) {}

  prove(zkeyPath: string, witness: Uint8Array, onProgress: (fraction: number, step: string) => void): Promise<NativeProof> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, [zkeyPath, '-'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
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
      child.stdin.end(witness);
    });
  }
}
