// The public keys the app trusts to sign flags.json: every *.pem in resources/keys, which
// electron-builder.yml ships as resourcesPath/keys (its filter is "*.pem" too, so the names
// `release flags keygen` writes are the names that ship). A private key put there by mistake is
// not trusted (it must not ship at all: keygen names it .key so the filter leaves it out), and a
// file that is not a public key is skipped rather than breaking every later flags check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import path from 'node:path';

export const trustedKeyExtension = '.pem';

/** The name keygen gives a public key: its key id in the name, so two keys can sit side by side during a rotation. */
export function publicKeyFileName(keyId: string): string {
  return `flags-signing-${keyId}${trustedKeyExtension}`;
}

export const privateKeyFileName = 'flags-signing.key';

export interface TrustedKeys {
  pems: string[];
  /** Files in the folder that were not taken, and why. */
  skipped: { file: string; reason: string }[];
}

export function readTrustedFlagKeys(dir: string): TrustedKeys {
  const result: TrustedKeys = { pems: [], skipped: [] };
  if (!existsSync(dir)) return result;
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(trustedKeyExtension)) continue;
    const pem = readFileSync(path.join(dir, file), 'utf8');
    if (/PRIVATE KEY-----/.test(pem)) {
      result.skipped.push({ file, reason: 'a private key; only public keys belong here' });
      continue;
    }
    try {
      if (createPublicKey(pem).asymmetricKeyType !== 'ed25519') {
        result.skipped.push({ file, reason: 'not an Ed25519 key' });
        continue;
      }
    } catch {
      result.skipped.push({ file, reason: 'not a PEM public key' });
      continue;
    }
    result.pems.push(pem);
  }
  return result;
}
