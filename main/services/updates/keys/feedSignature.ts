// Detached Ed25519 signatures for channel files: latest-linux.yml is published with
// latest-linux.yml.sig beside it. The signature covers the file's name and its exact bytes, so a
// signed beta file served as latest.yml, or one edited by a byte, fails. The app checks it
// against the feed keys it was built with before electron-updater reads a word of the file
// (electronSignedFeedProvider.ts), and `release verify` checks it the same way.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ZkError } from '../../../../common/errors.js';
import { keyIdOf, readSigningKey } from './signingKeys.js';

export const feedSignatureFormat = 'zkdesk-feed-signature/1';
export const signatureSuffix = '.sig';

const signatureFileSchema = z.object({
  format: z.literal(feedSignatureFormat),
  file: z.string().min(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().min(1),
});
export type FeedSignatureFile = z.infer<typeof signatureFileSchema>;

/** The file name is part of what is signed: a signature is for one channel file only. */
function signedMessage(fileName: string, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${feedSignatureFormat}\n${fileName}\n`, 'utf8'), bytes]);
}

export function signatureFileName(channelFileName: string): string {
  return `${channelFileName}${signatureSuffix}`;
}

/**
 * Signs channel files with the feed key; made once per command from the private key's PEM.
 * `trusted` is what a file already in the feed must be signed by before a command rewrites it
 * (this key, plus the keys the app ships, for a rotation): re-signing a file someone edited by
 * hand would launder the edit.
 */
export class FeedSigner {
  readonly keyId: string;
  readonly trusted: readonly string[];
  private readonly key: KeyObject;

  constructor(privateKeyPem: string, alsoTrusted: readonly string[] = []) {
    this.key = readSigningKey(privateKeyPem, 'feed');
    const publicKey = createPublicKey(this.key);
    this.keyId = keyIdOf(publicKey);
    this.trusted = [publicKey.export({ type: 'spki', format: 'pem' }).toString(), ...alsoTrusted];
  }

  /** The text of <fileName>.sig for these exact bytes. */
  sign(fileName: string, bytes: Uint8Array): string {
    const document: FeedSignatureFile = {
      format: feedSignatureFormat,
      file: fileName,
      keyId: this.keyId,
      signature: sign(null, signedMessage(fileName, bytes), this.key).toString('base64'),
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }
}

/**
 * Throws E_FEED_SIGNATURE unless `signatureText` is a signature of exactly these bytes under
 * this file name by one of the trusted keys. Returns the key id that signed.
 */
export function verifyFeedSignature(fileName: string, bytes: Uint8Array, signatureText: string | null, trustedPublicKeysPem: readonly string[]): string {
  if (signatureText === null) {
    throw new ZkError('E_FEED_SIGNATURE', `${fileName} is not signed (no ${signatureFileName(fileName)} beside it).`, { file: fileName, problem: 'unsigned' });
  }
  let parsed: FeedSignatureFile;
  try {
    parsed = signatureFileSchema.parse(JSON.parse(signatureText));
  } catch {
    throw new ZkError('E_FEED_SIGNATURE', `${signatureFileName(fileName)} is not a zkdesk feed signature.`, { file: fileName, problem: 'malformed' });
  }
  if (parsed.file !== fileName) {
    throw new ZkError('E_FEED_SIGNATURE', `The signature beside ${fileName} was made for ${parsed.file}.`, { file: fileName, signedFile: parsed.file, problem: 'other-file' });
  }
  if (trustedPublicKeysPem.length === 0) {
    throw new ZkError('E_FEED_SIGNATURE', 'This build trusts no feed key, so it cannot check any update.', { file: fileName, problem: 'no-trusted-key' });
  }
  const key = trustedPublicKeysPem.map((pem) => createPublicKey(pem)).find((k) => keyIdOf(k) === parsed.keyId);
  if (!key) {
    throw new ZkError('E_FEED_SIGNATURE', `${fileName} was signed by a key this app does not trust.`, { file: fileName, keyId: parsed.keyId, problem: 'untrusted-key' });
  }
  if (!verify(null, signedMessage(fileName, bytes), key, Buffer.from(parsed.signature, 'base64'))) {
    throw new ZkError('E_FEED_SIGNATURE', `${fileName} was changed after it was signed.`, { file: fileName, keyId: parsed.keyId, problem: 'mismatch' });
  }
  return parsed.keyId;
}
