// Witness, Groth16 proof and verification for one job, with the warm state a worker keeps
// between jobs: compiled witness calculators and proving keys (keyed by their sha256, so a
// changed file is a new entry) and the bn128 curve that snarkjs caches on globalThis.
// The proof itself comes from the native prover where this machine has it (nativeGroth16.ts),
// from snarkjs otherwise or when the native one fails; snarkjs's verifier checks it either way,
// loaded only when first needed (verifierLoader.ts).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'snarkjs';
import { WitnessCalculatorBuilder, type WitnessCalculator } from 'circom_runtime';
import { ZkError } from '../common/errors.js';
import { ByteLruCache } from './byteLruCache.js';
import { proveError, witnessError } from './engineErrors.js';
import { loadSnarkjsProver, loadVerifier } from './verifierLoader.js';
import { NativeProverUnusable, type NativeGroth16, type ProverBackend } from './nativeGroth16.js';
import type { ArtifactRef, CircuitInput, Groth16Proof, ProofStage, ResultMessage } from '../common/workerProtocol.js';

export interface EngineOptions {
  /** One budget for everything kept warm: proving keys, witness calculators, verification keys. */
  cacheBytes: number;
  /** The native prover, where this machine can run it. */
  native?: NativeGroth16 | null;
}

/** What the one cache holds, each under `<kind>:<sha256 of its file>`. */
type Warm = { kind: 'zkey'; key: Uint8Array } | { kind: 'calculator'; wc: WitnessCalculator } | { kind: 'vkey'; vkey: unknown };

export interface JobHooks {
  progress(stage: ProofStage, fraction?: number, note?: string): void;
  /** Throws E_CANCELLED when main asked to stop: checked between stages. */
  checkCancelled(): void;
  /** A line for main's log (never inputs). */
  log?(level: 'info' | 'warn', msg: string, fields: Record<string, string | number | boolean>): void;
}

type EngineResult = Omit<ResultMessage, 'type' | 'jobId' | 'rssBytes' | 'maxRssBytes'>;
type Proved = { proof: unknown; publicSignals: string[] };

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

export class ProofEngine {
  private readonly warm: ByteLruCache<Warm>;
  /** path -> cache key last loaded from it, to drop a stale entry as soon as the file changes. */
  private readonly loadedFrom = new Map<string, string>();
  /** Proving keys the native prover reads from disk, as last checked: rehashed only when the file changes. */
  private readonly checkedOnDisk = new Map<string, { sha256: string; size: number; mtimeMs: number }>();
  private readonly native: NativeGroth16 | null;

  constructor(options: EngineOptions) {
    this.warm = new ByteLruCache(options.cacheBytes);
    this.native = options.native ?? null;
  }

  get backend(): ProverBackend {
    return this.native ? 'native' : 'snarkjs';
  }

  /** Everything kept warm, all kinds together, against the one budget. */
  get cachedKeys(): { count: number; bytes: number } {
    return { count: this.warm.size, bytes: this.warm.bytes };
  }

  /** Reads a file and checks it is the one main validated: a file swapped in between is refused. */
  private async readVerified(path: string, expected: string, label: string, cacheKey: string): Promise<Uint8Array> {
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
    // The file at this path changed: what was loaded from it before will not be asked for again.
    const previous = this.loadedFrom.get(path);
    if (previous && previous !== cacheKey) this.warm.delete(previous);
    this.loadedFrom.set(path, cacheKey);
    return data;
  }

  private cached<K extends Warm['kind']>(kind: K, sha256: string): Extract<Warm, { kind: K }> | undefined {
    const entry = this.warm.get(`${kind}:${sha256}`);
    return entry?.kind === kind ? (entry as Extract<Warm, { kind: K }>) : undefined;
  }

  private async calculator(ref: ArtifactRef): Promise<{ wc: WitnessCalculator; hit: boolean }> {
    const cached = this.cached('calculator', ref.wasmSha256);
    if (cached) return { wc: cached.wc, hit: true };
    const cacheKey = `calculator:${ref.wasmSha256}`;
    const wasm = await this.readVerified(ref.wasmPath, ref.wasmSha256, 'circuit wasm', cacheKey);
    let wc: WitnessCalculator;
    try {
      wc = await WitnessCalculatorBuilder(wasm);
    } catch (error) {
      throw new ZkError('E_ARTIFACT_CORRUPT', 'The circuit wasm could not be loaded.', { file: 'circuit wasm' }, { cause: error });
    }
    // A compiled instance holds roughly its code plus working memory: count it as 4x the file.
    this.warm.set(cacheKey, { kind: 'calculator', wc }, wasm.byteLength * 4);
    return { wc, hit: false };
  }

  private async provingKey(ref: ArtifactRef): Promise<{ key: Uint8Array; hit: boolean }> {
    const cached = this.cached('zkey', ref.zkeySha256);
    if (cached) return { key: cached.key, hit: true };
    const cacheKey = `zkey:${ref.zkeySha256}`;
    const key = await this.readVerified(ref.zkeyPath, ref.zkeySha256, 'proving key', cacheKey);
    this.warm.set(cacheKey, { kind: 'zkey', key }, key.byteLength);
    return { key, hit: false };
  }

  private async verificationKey(ref: ArtifactRef): Promise<unknown> {
    const cached = this.cached('vkey', ref.vkeySha256);
    if (cached) return cached.vkey;
    const cacheKey = `vkey:${ref.vkeySha256}`;
    const raw = await this.readVerified(ref.vkeyPath, ref.vkeySha256, 'verification key', cacheKey);
    let vkey: unknown;
    try {
      vkey = JSON.parse(Buffer.from(raw).toString('utf8'));
    } catch (error) {
      throw new ZkError('E_ARTIFACT_CORRUPT', 'The verification key is not valid JSON.', { file: 'verification key' }, { cause: error });
    }
    // Parsed, a key of a few KB of JSON takes a few times its text: count it so.
    this.warm.set(cacheKey, { kind: 'vkey', vkey }, raw.byteLength * 4);
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
    let proved: Proved | null = null;
    let backend: ProverBackend = 'snarkjs';
    let keyHit = false;
    let nativePeakRssBytes = 0;
    if (this.native) {
      keyHit = await this.keyCheckedOnDisk(artifacts);
      try {
        const native = await this.native.prove(artifacts.zkeyPath, witness, (fraction, step) => hooks.progress('prove', fraction, step));
        proved = native;
        nativePeakRssBytes = native.peakRssBytes;
        backend = 'native';
      } catch (error) {
        if (!(error instanceof NativeProverUnusable)) throw error;
        hooks.log?.('warn', 'the native prover failed; this job is proved with snarkjs', { reason: error.message.slice(0, 300) });
      }
    }
    if (!proved) ({ proved, keyHit } = await this.proveWithSnarkjs(artifacts, witness, hooks));
    const t2 = performance.now();
    hooks.checkCancelled();

    hooks.progress('verify', 0);
    const vkey = await this.verificationKey(artifacts);
    const verify = await loadVerifier();
    let verified = await verify(vkey, proved.publicSignals, proved.proof);
    if (!verified && backend === 'native') {
      // A native proof that does not verify is our bug or a hardware fault, not the user's keys: try snarkjs.
      hooks.log?.('warn', 'a native proof did not verify; proving again with snarkjs', { zkeySha256: artifacts.zkeySha256.slice(0, 16) });
      ({ proved } = await this.proveWithSnarkjs(artifacts, witness, hooks));
      backend = 'snarkjs';
      verified = await verify(vkey, proved.publicSignals, proved.proof);
    }
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
      backend,
      timings: { witnessMs: t1 - t0, proveMs: t2 - t1, verifyMs: t3 - t2 },
      cache: { zkey: keyHit ? 'hit' : 'miss', witnessCalculator: wcHit ? 'hit' : 'miss' },
      nativePeakRssBytes,
    };
  }

  /**
   * The native prover reads the key from its path: it must still be the file main checked. Hashing
   * tens of MB on every job would cost more than the proof at 2^12, so the check is remembered
   * until the file's size or modification time changes. Returns whether it was remembered.
   */
  private async keyCheckedOnDisk(ref: ArtifactRef): Promise<boolean> {
    let info: { size: number; mtimeMs: number };
    try {
      info = await stat(ref.zkeyPath);
    } catch (error) {
      throw new ZkError('E_ARTIFACT_MISSING', 'The proving key could not be read.', { file: 'proving key' }, { cause: error });
    }
    const seen = this.checkedOnDisk.get(ref.zkeyPath);
    if (seen && seen.sha256 === ref.zkeySha256 && seen.size === info.size && seen.mtimeMs === info.mtimeMs) return true;
    await this.readVerified(ref.zkeyPath, ref.zkeySha256, 'proving key', `zkey:${ref.zkeySha256}`);
    this.checkedOnDisk.set(ref.zkeyPath, { sha256: ref.zkeySha256, size: info.size, mtimeMs: info.mtimeMs });
    return false;
  }

  private async proveWithSnarkjs(artifacts: ArtifactRef, witness: Uint8Array, hooks: JobHooks): Promise<{ proved: Proved; keyHit: boolean }> {
    const { key, hit: keyHit } = await this.provingKey(artifacts);
    const snarkjs = await loadSnarkjsProver();
    const logger: Logger = {
      debug: (msg) => {
        const step = proveSteps.find(([prefix]) => msg.startsWith(prefix));
        if (step) hooks.progress('prove', step[1], step[0]);
      },
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    try {
      return { proved: await snarkjs.groth16.prove({ type: 'mem', data: key }, { type: 'mem', data: witness }, logger), keyHit };
    } catch (error) {
      throw proveError(error);
    }
  }
}
