// The feed key a release command signs with: --key <file>, else ZKDESK_FEED_KEY (a path, as CI
// hands it over from a secret). Files already in the feed must be signed by it or by a feed key
// the app ships (resources/keys), so a rotation can rewrite files the old key signed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../../common/errors.js';
import { FeedSigner } from '../../services/updates/keys/feedSignature.js';
import { privateKeyFileName } from '../../services/updates/keys/signingKeys.js';
import { readTrustedKeys } from '../../services/updates/keys/trustedKeys.js';
import { resourcesDir } from '../../../node/resourcePaths.js';

export const feedKeyOption = ['--key <file>', `the feed signing key (${privateKeyFileName('feed')}; default: ZKDESK_FEED_KEY)`] as const;

export async function feedSignerFrom(keyFile: string | undefined): Promise<FeedSigner> {
  const file = keyFile ?? process.env.ZKDESK_FEED_KEY;
  if (!file) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `Channel files are signed: pass --key <${privateKeyFileName('feed')}> or set ZKDESK_FEED_KEY (zkdesk release feed keygen makes one).`,
    );
  }
  const pem = await readFile(path.resolve(file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ZkError('E_RELEASE_REFUSED', `The feed signing key ${file} cannot be read.`, { reason: error.code ?? String(error) });
  });
  return new FeedSigner(pem, shippedFeedKeys());
}

/** The feed public keys a build from this checkout would trust. */
export function shippedFeedKeys(): string[] {
  return readTrustedKeys(path.join(resourcesDir(), 'keys'), 'feed').pems;
}
