// snarkjs's Groth16 verification and snarkjs's prover, each loaded once per worker and kept, with
// the bn128 curve they run on (bn128Curve.ts; snarkjs finds it on globalThis).
//
// A worker that proves natively only verifies: it loads snarkjs's verifier alone (not all of
// snarkjs: half the modules) and a curve without threads, since a verification is a pairing check
// on this thread; it says ready without them and loads them while its first job's witness and
// proof are made. One that proves with snarkjs (or falls back to it) loads snarkjs and the curve
// with its threads, and verifies on that same curve.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Snarkjs from 'snarkjs';
import { buildBn128Curve, type Bn128Curve } from './bn128Curve.js';

export type SnarkjsModule = typeof Snarkjs;
export type Groth16Verify = SnarkjsModule['groth16']['verify'];

declare global {
  // ffjavascript's cache of the curve, which snarkjs's getCurveFromName and getCurveFromR read.
  var curve_bn128: Bn128Curve | null | undefined;
}

/** The curve being built or built: with threads or not. */
let curve: { threads: boolean; ready: Promise<void> } | null = null;

/**
 * The curve on globalThis, with threads when asked. A curve without threads is replaced by one
 * with them when snarkjs has to prove; one with threads serves verification as well.
 */
function ensureCurve(threads: boolean): Promise<void> {
  if (curve && (curve.threads || !threads)) return curve.ready;
  const entry: { threads: boolean; ready: Promise<void> } = { threads, ready: Promise.resolve() };
  entry.ready = (async () => {
    // ffjavascript clears globalThis.curve_bn128 as it loads: loaded first, so that does not undo ours.
    await import('ffjavascript');
    const built = await buildBn128Curve(threads);
    // A slower build of a curve without threads must not replace one with threads asked for since.
    if (curve === entry) globalThis.curve_bn128 = built;
    else {
      await built.terminate();
      await curve?.ready;
    }
  })().catch((error: unknown) => {
    if (curve === entry) curve = null;
    throw error;
  });
  curve = entry;
  return entry.ready;
}

/** snarkjs's groth16 verify, from its own module where it is where snarkjs 0.7 keeps it; else from all of snarkjs. */
async function importVerify(): Promise<Groth16Verify> {
  try {
    const snarkjsMain = createRequire(import.meta.url).resolve('snarkjs');
    const file = path.join(path.dirname(snarkjsMain), '..', 'src', 'groth16_verify.js');
    const verify = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    if (typeof verify === 'function') return verify as Groth16Verify;
  } catch {
    // Another layout of snarkjs: its public entry below.
  }
  return (await import('snarkjs')).groth16.verify;
}

let verifying: Promise<Groth16Verify> | null = null;
let proving: Promise<SnarkjsModule> | null = null;

/**
 * snarkjs's Groth16 verification, on the curve this worker already has, or one without threads.
 * The same promise for every caller; a failed load is tried again by the next.
 */
export function loadVerifier(): Promise<Groth16Verify> {
  verifying ??= Promise.all([importVerify(), ensureCurve(false)])
    .then(([verify]) => verify)
    .catch((error: unknown) => {
      verifying = null;
      throw error;
    });
  return verifying;
}

/** snarkjs with the curve and its threads built, to prove with. */
export function loadSnarkjsProver(): Promise<SnarkjsModule> {
  proving ??= Promise.all([import('snarkjs'), ensureCurve(true)])
    .then(([snarkjs]) => snarkjs)
    .catch((error: unknown) => {
      proving = null;
      throw error;
    });
  return proving;
}
