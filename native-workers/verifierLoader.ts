// snarkjs and the bn128 curve it verifies on, loaded once per worker and kept. A worker that
// proves natively needs them only to verify, so it says ready without them and loads them while
// its first job's witness and proof are made; one that proves with snarkjs loads them first.
import type * as Snarkjs from 'snarkjs';

export type SnarkjsModule = typeof Snarkjs;

let loading: Promise<SnarkjsModule> | null = null;

/** snarkjs with its curve built (snarkjs finds it on globalThis); the same promise for every caller. */
export function loadVerifier(): Promise<SnarkjsModule> {
  // One build at a time: two concurrent buildBn128() calls would each generate the curve and its threads.
  loading ??= (async () => {
    const [snarkjs, { buildBn128 }] = await Promise.all([import('snarkjs'), import('ffjavascript')]);
    await buildBn128();
    return snarkjs;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
