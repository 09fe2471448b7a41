// electron-builder's beforePack and afterPack hooks (electron-builder.yml). A production package
// (ZKDESK_RELEASE=production) refuses to start without production public keys for both the feed
// and the flags in resources/keys, none of them a development key, and an https update URL:
// a build that trusts no key, or the development key whose private half is public, would accept
// any feed. A development package gets the development public keys (resources/keys/development)
// copied in after packing, so test builds can read feeds signed with the committed development
// key; the electron-builder.yml filter ("*.pem", top level only) never ships them on its own.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicKey } from 'node:crypto';
import { keyIdOf, trustedKeyExtension, type KeyPurpose } from '../../main/services/updates/keys/signingKeys.js';
import { developmentKeysDirName, keyPurposeOf } from '../../main/services/updates/keys/trustedKeys.js';

/** The subset of electron-builder's PackContext the hooks read. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; projectDir?: string; info?: { projectDir: string } };
}

export function isProductionRelease(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ZKDESK_RELEASE === 'production';
}

/** The key id of a public key file, or null for anything else (a private key, not a key). */
function publicKeyId(file: string): string | null {
  const pem = readFileSync(file, 'utf8');
  if (/PRIVATE KEY-----/.test(pem)) return null;
  try {
    return keyIdOf(createPublicKey(pem));
  } catch {
    return null;
  }
}

function pemNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(trustedKeyExtension)) : [];
}

/** Why a production package must not be made from this keys folder, or an empty list. */
export function productionKeyProblems(keysDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  const developmentDir = path.join(keysDir, developmentKeysDirName);
  const development = new Set(pemNames(developmentDir).map((n) => publicKeyId(path.join(developmentDir, n))));
  for (const purpose of ['feed', 'flags'] as KeyPurpose[]) {
    const production = pemNames(keysDir)
      .filter((n) => keyPurposeOf(n) === purpose)
      .map((n) => publicKeyId(path.join(keysDir, n)))
      .filter((id) => id !== null && !development.has(id));
    if (production.length === 0) {
      problems.push(
        `no production ${purpose} public key in ${keysDir} (${purpose}-signing-<key id>.pem from \`zkdesk release ${purpose} keygen\`, not a development key)`,
      );
    }
  }
  const url = env.ZKDESK_UPDATE_URL ?? '';
  if (!/^https:\/\//.test(url)) problems.push(`ZKDESK_UPDATE_URL must be an https:// URL for a production build (it is "${url}")`);
  return problems;
}

function projectDirOf(context: PackContext): string {
  return context.packager.info?.projectDir ?? context.packager.projectDir ?? process.cwd();
}

/** Where electron-builder put the extraResources for this target. */
export function resourcesDirOf(context: PackContext): string {
  return context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
    ? path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
    : path.join(context.appOutDir, 'resources');
}

export async function beforePack(context: PackContext): Promise<void> {
  if (!isProductionRelease()) return;
  const problems = productionKeyProblems(path.join(projectDirOf(context), 'resources', 'keys'));
  if (problems.length > 0) throw new Error(`zkdesk: refusing to package a production release:\n  - ${problems.join('\n  - ')}`);
}

export async function afterPack(context: PackContext): Promise<void> {
  const shipped = path.join(resourcesDirOf(context), 'keys', developmentKeysDirName);
  if (isProductionRelease()) {
    // The filter never copies it; if anything ever does, it goes before signing.
    rmSync(shipped, { recursive: true, force: true });
    return;
  }
  const source = path.join(projectDirOf(context), 'resources', 'keys', developmentKeysDirName);
  mkdirSync(shipped, { recursive: true });
  for (const name of readdirSync(source).filter((n) => n.endsWith(trustedKeyExtension))) cpSync(path.join(source, name), path.join(shipped, name));
}

// `node dist/scripts/release/packagingGuard.js` checks the keys as the production build will, before a long build starts.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = productionKeyProblems(path.resolve('resources', 'keys'));
  for (const p of problems) process.stderr.write(`refused: ${p}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
