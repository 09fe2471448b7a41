// The Ed25519 keys the release tooling signs with: one pair for flags.json, one for the channel
// files (latest*.yml, beta*.yml). Two pairs, so a leaked flags key cannot push an installer and a
// leaked feed key cannot flip a kill switch. The key id is a short hash of the public key, so the
// app can trust more than one key of a kind while a key is rotated.
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ZkError, type ErrorCode } from '../../../../common/errors.js';

export type KeyPurpose = 'flags' | 'feed';

/** The error a bad key is for each purpose: a flags problem, or a refused release command. */
const keyErrorCode: Record<KeyPurpose, ErrorCode> = { flags: 'E_FLAGS_INVALID', feed: 'E_RELEASE_REFUSED' };

/** What each key signs, as the subject of a sentence. */
const signedThings: Record<KeyPurpose, string> = { flags: 'flags are', feed: 'channel files are' };

/** What each key signs, in the words the commands print. */
export const keySigns: Record<KeyPurpose, string> = { flags: 'flags.json', feed: 'the channel files (latest*.yml, beta*.yml)' };

export const trustedKeyExtension = '.pem';

/** The name keygen gives a public key: its key id in the name, so two keys can sit side by side during a rotation. */
export function publicKeyFileName(purpose: KeyPurpose, keyId: string): string {
  return `${purpose}-signing-${keyId}${trustedKeyExtension}`;
}

/** The private key's name: .key, never .pem, so the packaging filter (*.pem) cannot ship it. */
export function privateKeyFileName(purpose: KeyPurpose): string {
  return `${purpose}-signing.key`;
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** The private key from its PEM, with a sentence for the usual mistakes instead of OpenSSL's "DECODER routines::unsupported". */
export function readSigningKey(privateKeyPem: string, purpose: KeyPurpose): KeyObject {
  const code = keyErrorCode[purpose];
  const keyName = privateKeyFileName(purpose);
  if (/-----BEGIN PUBLIC KEY-----/.test(privateKeyPem)) {
    throw new ZkError(
      code,
      `That is the public key; ${signedThings[purpose]} signed with the private key (${keyName} from keygen). The public key is the one the app ships in resources/keys.`,
      { given: 'public key' },
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new ZkError(code, `The signing key is not a PEM private key (${keyName} from keygen).`, {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ZkError(code, 'The signing key is not an Ed25519 private key.', { keyType: privateKey.asymmetricKeyType });
  }
  return privateKey;
}
