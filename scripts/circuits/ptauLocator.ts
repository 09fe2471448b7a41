// Finds a prepared powers-of-tau file for a circuit, in the places node/ptauFiles.ts names:
// first $ZKDESK_PTAU_DIR (CI and the team's shared copies), then the user's cache. A development
// ptau made here is slow (minutes to an hour), so finding one is worth a few directory reads.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../common/errors.js';
import { readPtauHeader } from './binarySections.js';
import { sha256File } from './fileSha256.js';
import { ptauCandidates } from '../../node/ptauFiles.js';

export interface PtauChoice {
  file: string;
  power: number;
  sha256: string;
  /** Whether a SHA256SUMS beside the file vouched for it. */
  checksumVerified: boolean;
}

export { PTAU_NAME, ptauFileName, ptauSearchDirs, userPtauCacheDir } from '../../node/ptauFiles.js';

/** `sha256  name` lines, as sha256sum writes them. */
export async function readChecksums(dir: string): Promise<Map<string, string>> {
  const text = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8').catch(() => '');
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(\S+)\s*$/.exec(line);
    if (match?.[1] && match[2]) sums.set(match[2], match[1].toLowerCase());
  }
  return sums;
}

/** Hashes a ptau and holds it to the SHA256SUMS beside it, when there is one that lists it. */
export async function checkPtau(file: string): Promise<PtauChoice> {
  const header = await readPtauHeader(file);
  const sha256 = await sha256File(file);
  const expected = (await readChecksums(path.dirname(file))).get(path.basename(file));
  if (expected && expected !== sha256) {
    throw new ZkError('E_ARTIFACT_CORRUPT', `${file} does not match its SHA256SUMS entry: the file is damaged or was replaced.`, {
      file,
      expected,
      actual: sha256,
    });
  }
  return { file, power: header.power, sha256, checksumVerified: expected !== undefined };
}

export type PtauNote = (line: string) => void;

/**
 * The smallest prepared ptau of at least `minPower`, from the first directory that has one;
 * null when none has. Files that are not prepared for phase 2, or whose header disagrees with
 * their name, are passed over with a note.
 */
export async function locatePtau(minPower: number, dirs: string[], note: PtauNote = () => {}): Promise<PtauChoice | null> {
  for (const dir of dirs) {
    for (const candidate of await ptauCandidates(dir, minPower)) {
      const header = await readPtauHeader(candidate.file).catch((error: Error) => {
        note(`skipping ${candidate.file}: ${error.message}`);
        return null;
      });
      if (!header) continue;
      if (!header.preparedForPhase2) {
        note(`skipping ${candidate.file}: not prepared for phase 2 (run snarkjs powersoftau prepare phase2)`);
        continue;
      }
      if (header.power !== candidate.power) {
        note(`skipping ${candidate.file}: its header says power ${header.power}`);
        continue;
      }
      return checkPtau(candidate.file);
    }
  }
  return null;
}
