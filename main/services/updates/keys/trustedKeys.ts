// The public keys the app trusts: every *.pem in resources/keys (shipped as resourcesPath/keys by
// electron-builder.yml, filter "*.pem") and, in development builds only, resources/keys/development
// (the committed development pair, whose private half is public: a production build never ships
// it, see scripts/release/packagingGuard.ts). feed-signing-*.pem keys sign channel files; every
// other .pem signs flags.json (flags-signing-*.pem, and the names older builds used). A private key
// put there by mistake is not trusted, and a file that is not a public key is skipped rather than
// breaking every later check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { trustedKeyExtension, type KeyPurpose } from './signingKeys.js';

/** The folder inside the keys folder that holds the committed development public keys. */
export const developmentKeysDirName = 'development';

export interface TrustedKeys {
  pems: string[];
  /** Files in the folder that were not taken, and why. */
  skipped: { file: string; reason: string }[];
}

export function keyPurposeOf(fileName: string): KeyPurpose {
  return fileName.startsWith('feed-signing-') ? 'feed' : 'flags';
}

export function readTrustedKeys(dir: string, purpose: KeyPurpose): TrustedKeys {
  const result: TrustedKeys = { pems: [], skipped: [] };
  for (const folder of [dir, path.join(dir, developmentKeysDirName)]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      if (!name.endsWith(trustedKeyExtension) || keyPurposeOf(name) !== purpose) continue;
      const file = path.relative(dir, path.join(folder, name));
      const pem = readFileSync(path.join(folder, name), 'utf8');
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
  }
  return result;
}
