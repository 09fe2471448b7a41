// The development Groth16 ceremony: phase 2 from the circuit's r1cs and a prepared ptau,
// closed by a public beacon instead of a secret contribution. No randomness enters, so the
// same r1cs and ptau give the same proving key byte for byte, on any machine; a key anyone can
// rebuild is, by the same token, one nobody should trust in production.
import { rm, writeFile } from 'node:fs/promises';
import * as snarkjs from 'snarkjs';

export const DEV_BEACON_NAME = 'zkdesk development beacon';
/** sha256("zkdesk development beacon"), fixed so keys are reproducible. */
export const DEV_BEACON_HASH = '8c8594554a79761d90cf84314afebfa03462cf338dd708f9b55529336d4f9c1f';
export const DEV_BEACON_ITERATIONS_EXP = 10;

export interface CeremonyTimings {
  setupMs: number;
  beaconMs: number;
  exportMs: number;
}

/** Told as each phase starts and ends (with its time): the app shows the build's progress. */
export type CeremonyProgress = (phase: 'setup' | 'beacon' | 'vkey', state: 'started' | 'done', ms?: number) => void;

export async function runDevCeremony(
  r1csPath: string,
  ptauPath: string,
  initialZkeyPath: string,
  zkeyPath: string,
  vkeyPath: string,
  progress: CeremonyProgress = () => {},
): Promise<CeremonyTimings> {
  const phase = async (name: 'setup' | 'beacon' | 'vkey', work: () => Promise<unknown>): Promise<number> => {
    progress(name, 'started');
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    progress(name, 'done', ms);
    return ms;
  };
  const setupMs = await phase('setup', () => snarkjs.zKey.newZKey(r1csPath, ptauPath, initialZkeyPath));
  const beaconMs = await phase('beacon', () => snarkjs.zKey.beacon(initialZkeyPath, zkeyPath, DEV_BEACON_NAME, DEV_BEACON_HASH, DEV_BEACON_ITERATIONS_EXP));
  await rm(initialZkeyPath, { force: true });
  const exportMs = await phase('vkey', async () => {
    const vkey = await snarkjs.zKey.exportVerificationKey(zkeyPath);
    await writeFile(vkeyPath, `${JSON.stringify(vkey, null, 2)}\n`);
  });
  return { setupMs, beaconMs, exportMs };
}
