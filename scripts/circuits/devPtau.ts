// Makes a development powers-of-tau when none can be found: a new accumulator, one
// contribution, a beacon, and the phase-2 preparation (the slow part: about 140 s at
// power 12, 12 min at 14, an hour at 16 on two cores). One known contributor: never for
// production keys.
//
// Not reproducible: snarkjs mixes 64 random bytes into a contribution's entropy, so two runs
// give two different files. The manifest records the ptau's sha256, so a key always says
// which one it came from.
import { appendFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as snarkjs from 'snarkjs';
import { sha256File } from './fileSha256.js';
import { ptauFileName, type PtauChoice } from './ptauLocator.js';

const CONTRIBUTION_ENTROPY = 'zkdesk development ptau contribution';
/** sha256("zkdesk development ptau beacon"). */
const PTAU_BEACON = '74fd12e6c892ce82bb6e4e404a0ed098746f9e76697a5e0ed3a965aa8c859fb1';

export async function makeDevPtau(power: number, dir: string, step: (label: string) => void = () => {}): Promise<PtauChoice> {
  await mkdir(dir, { recursive: true });
  const final = path.join(dir, ptauFileName(power));
  const stage = (n: number): string => path.join(dir, `.dev_${power}.${process.pid}.${n}.ptau`);
  try {
    const curve = await snarkjs.curves.getCurveFromName('bn128');
    step('powersoftau new');
    await snarkjs.powersOfTau.newAccumulator(curve, power, stage(0));
    step('contribute');
    await snarkjs.powersOfTau.contribute(stage(0), stage(1), 'zkdesk development contribution', CONTRIBUTION_ENTROPY);
    step('beacon');
    await snarkjs.powersOfTau.beacon(stage(1), stage(2), 'zkdesk development ptau beacon', PTAU_BEACON, 10);
    step('prepare phase2');
    await snarkjs.powersOfTau.preparePhase2(stage(2), stage(3));
    // Renamed only when complete, so an interrupted run never leaves a file that looks usable.
    await rename(stage(3), final);
  } finally {
    await Promise.all([0, 1, 2, 3].map((n) => rm(stage(n), { force: true })));
  }
  const sha256 = await sha256File(final);
  await appendFile(path.join(dir, 'SHA256SUMS'), `${sha256}  ${ptauFileName(power)}\n`);
  return { file: final, power, sha256, checksumVerified: false };
}
