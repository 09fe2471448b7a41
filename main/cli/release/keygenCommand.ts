// `zkdesk release flags keygen` and `zkdesk release feed keygen`: an Ed25519 key pair for one
// purpose. The private key (.key, mode 0600) signs; the public key (.pem, its key id in the name)
// is copied into resources/keys and ships in the app. A key is never overwritten.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ZkError } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import { generateSigningKeyPair, keySigns, privateKeyFileName, publicKeyFileName, type KeyPurpose } from '../../services/updates/keys/signingKeys.js';

export function registerKeygenCommand(parent: Command, purpose: KeyPurpose): void {
  parent
    .command('keygen')
    .description(`create an Ed25519 key pair for ${keySigns[purpose]}: the private key signs, the public key ships in the app (resources/keys/)`)
    .requiredOption('--out <dir>', `folder for ${privateKeyFileName(purpose)} (private, mode 0600) and ${purpose}-signing-<key id>.pem (public)`)
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const out = path.resolve(cmd.opts<{ out: string }>().out);
      await mkdir(out, { recursive: true });
      const pair = generateSigningKeyPair();
      const privatePath = path.join(out, privateKeyFileName(purpose));
      await writeFile(privatePath, pair.privateKeyPem, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new ZkError('E_RELEASE_REFUSED', `${privatePath} exists; a signing key is never overwritten.`);
        throw error;
      });
      await chmod(privatePath, 0o600);
      // A .pem, because that is what the app reads from resources/keys and what electron-builder.yml ships from there.
      const publicPath = path.join(out, publicKeyFileName(purpose, pair.keyId));
      await writeFile(publicPath, pair.publicKeyPem);
      if (ctx.json) ctx.printJson({ ok: true, purpose, keyId: pair.keyId, privateKey: privatePath, publicKey: publicPath });
      else
        ctx.out(
          `key ${pair.keyId}:\n  private ${privatePath} (signs ${keySigns[purpose]}; keep it off the feed and out of the repository)\n` +
            `  public  ${publicPath} (copy it into resources/keys/ before packaging: the app trusts only the keys it ships there)`,
        );
    });
}
