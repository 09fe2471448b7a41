// Witness, Groth16 proof and verification for one job, with the warm state a worker keeps
// between jobs: compiled witness calculators and proving keys (keyed by their sha256, so a
// changed file is a new entry) and the bn128 curve that snarkjs caches on globalThis.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import * as snarkjs from 'snarkjs';
import { WitnessCalculatorBuilder, type WitnessCalculator } from 'circom_runtime';
import { ZkError } from '../common/errors.js';
import { ByteLruCache } from './byteLruCache.js';
import type { ArtifactRef, CircuitInput, Groth16Proof, ProofStage, ResultMessage } from './protocol.js';

export interface EngineOptions {
  /** Upper bound for cached proving keys; witness calculators are small and counted too. */
  cacheBytes: number;
}

export interface JobHooks {
  progress(stage: ProofStage, fraction?: number, note?: string): void;
  /** Throws E_CANCELLED when main asked to stop: checked between stages. */
  checkCancelled(): void;
}

type EngineResult = Omit<ResultMessage, 'type' | 'jobId' | 'rssBytes' | 'maxRssBytes'>;

// groth16.prove reports these steps through its logger, in this order; they give the
// prove stage a progress fraction without touching snarkjs.
const proveSteps: Array<[prefix: string, fraction: number]> = [
  ['Reading Wtns', 0.02],
  ['Reading Coeffs', 0.05],
  ['Building ABC', 0.1],
  ['Join ABC', 0.2],
  ['Reading A Points', 0.3],
  ['Reading B1 Points', 0.45],
  ['Reading B2 Points', 0.55],
  ['Reading C Points', 0.75],
  ['Reading H Points', 0.85],
];

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Maps circom_runtime's witness errors to what the user did wrong. */
function witnessError(error: unknown): ZkError {
  const reason = error instanceof Error ? error.message.trim() : String(error);
  if (/Assert Failed|!=/.test(reason)) {
    return new ZkError('E_CONSTRAINT_UNSATISFIED', undefined, { reason }, { cause: error });
  }
  const signal = /(?:Signal|input signal) (\S+)/.exec(reason)?.[1];
  if (/not found|not an input|Too many values|Not enough values|Not all inputs/.test(reason)) {
    const message = signal ? `The input does not match the circuit at signal "${signal}".` : undefined;
    return new ZkError('E_INPUT_INVALID', message, { reason, signal }, { cause: error });
  }
  if (/memory/i.test(reason)) return new ZkError('E_OUT_OF_MEMORY', undefined, { reason, stage: 'witness' }, { cause: error });
  return new ZkError('E_CONSTRAINT_UNSATISFIED', undefined, { reason }, { cause: error });
}

export class ProofEngine {
  private readonly keys: ByteLruCache<Uint8Array>;
  private readonly calculators: ByteLruCache<WitnessCalculator>;
  private readonly vkeys = new Map<string, unknown>();
  /** path -> sha256 last loaded from it, to drop a stale entry as soon as the file changes. */
  private readonly loadedFrom = new Map<string, string>();

  constructor(options: EngineOptions) {
    this.keys = new ByteLruCache(options.cacheBytes);
    this.calculators = new ByteLruCache(Math.max(options.cacheBytes / 4, 64 * 1024 * 1024));
  }

  get cachedKeys(): { count: number; bytes: number } {
    return { count: this.keys.size, bytes: this.keys.bytes };
  }

  /** Reads a file and checks it is the one main validated: a file swapped in between is refused. */
  private async readVerified(path: string, expected: string, label: string): Promise<Uint8Array> {
    let data: Uint8Array;
    try {
      data = await readFile(path);
    } catch (error) {
      throw new ZkError('E_ARTIFACT_MISSING', `The ${label} could not be read.`, { file: label }, { cause: error });
    }
    const actual = sha256(data);
    if (actual !== expected) {
      throw new ZkError('E_ARTIFACT_CORRUPT', `The ${label} changed on disk since it was checked.`, {
        file: label,
        expectedSha256: expected,
        actualSha256: actual,
      });
    }
    const previous = this.loadedFrom.get(path);
    if (previous && previous !== expected) {
      this.keys.delete(previous);
      this.calculators.delete(previous);
      this.vkeys.delete(previous);
    }
    this.loadedFrom.set(path, expected);
    return data;
  }

  private async calculator(ref: ArtifactRef): Promise<{ wc: WitnessCalculator; hit: boolean }> {
    const cached = this.calculators.get(ref.wasmSha256);
    if (cached) return { wc: cached, hit: true };
    const wasm = await this.readVerified(ref.wasmPath, ref.wasmSha256, 'circuit wasm');
    let wc: WitnessCalculator;
    try {
      wc = await WitnessCalculatorBuilder(wasm);
    } catch (error) {
      throw new ZkError('E_ARTIFACT_CORRUPT', 'The circuit wasm could not be loaded.', { file: 'circuit wasm' }, { cause: error });
    }
    // A compiled instance holds roughly its code plus working memory: count it as 4x the file.
    this.calculators.set(ref.wasmSha256, wc, wasm.byteLength * 4);
    return { wc, hit: false };
  }

  private async provingKey(ref: ArtifactRef): Promise<{ key: Uint8Array; hit: boolean }> {
    const cached = this.keys.get(ref.zkeySha256);
    if (cached) return { key: cached, hit: true };
    const key = await this.readVerified(ref.zkeyPath, ref.zkeySha256, 'proving key');
    this.keys.set(ref.zkeySha256, key, key.byteLength);
    return { key, hit: false };
  }

  private async verificationKey(ref: ArtifactRef): Promise<unknown> {
    const cached = this.vkeys.get(ref.vkeySha256);
    if (cached) return cached;
    const raw = await this.readVerified(ref.vkeyPath, ref.vkeySha256, 'verification key');
    let vkey: unknown;
    try {
      vkey = JSON.parse(Buffer.from(raw).toString('utf8'));
    } catch (error) {
      throw new ZkError('E_ARTIFACT_CORRUPT', 'The verification key is not valid JSON.', { file: 'verification key' }, { cause: error });
    }
    this.vkeys.set(ref.vkeySha256, vkey);
    return vkey;
  }

  async prove(artifacts: ArtifactRef, input: CircuitInput, hooks: JobHooks): Promise<EngineResult> {
    hooks.progress('witness', 0);
    const t0 = performance.now();
    const { wc, hit: wcHit } = await this.calculator(artifacts);
    let witness: Uint8Array;
    try {
      witness = await wc.calculateWTNSBin(input, true);
    } catch (error) {
      throw witnessError(error);
    }
    const t1 = performance.now();
    hooks.checkCancelled();

    hooks.progress('prove', 0);
    const { key, hit: keyHit } = await this.provingKey(artifacts);
    const logger: snarkjs.Logger = {
      debug: (msg) => {
        const step = proveSteps.find(([prefix]) => msg.startsWith(prefix));
        if (step) hooks.progress('prove', step[1], step[0]);
      },
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    let proved: { proof: unknown; publicSignals: string[] };
    try {
      proved = await snarkjs.groth16.prove({ type: 'mem', data: key }, { type: 'mem', data: witness }, logger);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (/Invalid witness length|Curve of the witness/.test(reason)) {
        throw new ZkError('E_ARTIFACT_CORRUPT', 'The proving key does not belong to this circuit.', { reason }, { cause: error });
      }
      if (/memory|Array buffer allocation/i.test(reason)) {
        throw new ZkError('E_OUT_OF_MEMORY', undefined, { reason, stage: 'prove' }, { cause: error });
      }
      throw new ZkError('E_ARTIFACT_CORRUPT', 'The proving key could not be used.', { reason }, { cause: error });
    }
    const t2 = performance.now();
    hooks.checkCancelled();

    hooks.progress('verify', 0);
    const vkey = await this.verificationKey(artifacts);
    const verified = await snarkjs.groth16.verify(vkey, proved.publicSignals, proved.proof);
    const t3 = performance.now();
    if (!verified) {
      // Never hand back a proof that does not verify: the keys do not match each other.
      throw new ZkError('E_PROOF_INVALID', undefined, { hint: 'the verification key may not match the proving key' });
    }
    hooks.progress('verify', 1);

    return {
      proof: proved.proof as Groth16Proof,
      publicSignals: proved.publicSignals,
      verified: true,
      timings: { witnessMs: t1 - t0, proveMs: t2 - t1, verifyMs: t3 - t2 },
      cache: { zkey: keyHit ? 'hit' : 'miss', witnessCalculator: wcHit ? 'hit' : 'miss' },
    };
  }
}
