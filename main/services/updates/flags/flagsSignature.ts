// Ed25519 over the payload string, with Node's crypto. The key id is a short hash of the
// public key, so the app can hold more than one trusted key while a key is being rotated.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { ZkError } from '../../../../common/errors.js';
import { flagsPayloadSchema, signedFlagsSchema, type FlagsPayload, type SignedFlags } from './flagsDocument.js';

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function generateFlagsKeyPair(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** The private key from its PEM, with a sentence for the usual mistakes instead of OpenSSL's "DECODER routines::unsupported". */
export function readSigningKey(privateKeyPem: string): KeyObject {
  if (/-----BEGIN PUBLIC KEY-----/.test(privateKeyPem)) {
    throw new ZkError(
      'E_FLAGS_INVALID',
      'That is the public key; flags are signed with the private key (flags-signing.key from release flags keygen). The public key is the one the app ships in resources/keys.',
      { given: 'public key' },
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new ZkError('E_FLAGS_INVALID', 'The signing key is not a PEM private key (flags-signing.key from release flags keygen).', {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ZkError('E_FLAGS_INVALID', 'The signing key is not an Ed25519 private key.', { keyType: privateKey.asymmetricKeyType });
  }
  return privateKey;
}

export function signFlags(payload: FlagsPayload, privateKeyPem: string): SignedFlags {
  const privateKey = readSigningKey(privateKeyPem);
  const checked = flagsPayloadSchema.parse(payload);
  const text = JSON.stringify(checked, null, 2);
  return {
    format: 'zkdesk-signed-flags/1',
    keyId: keyIdOf(createPublicKey(privateKey)),
    payload: text,
    signature: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}

/** Checks the signature against the trusted keys, then the payload's shape; expiry is the caller's (it owns the clock). */
export function verifySignedFlags(document: unknown, trustedPublicKeysPem: readonly string[]): FlagsPayload {
  const envelope = signedFlagsSchema.safeParse(document);
  if (!envelope.success) throw new ZkError('E_FLAGS_INVALID', 'The flags file is not a signed flags document.');
  const key = trustedPublicKeysPem.map((pem) => createPublicKey(pem)).find((k) => keyIdOf(k) === envelope.data.keyId);
  if (!key) {
    throw new ZkError('E_FLAGS_INVALID', 'The flags file was signed by a key this app does not trust.', {
      keyId: envelope.data.keyId,
    });
  }
  const valid = verify(null, Buffer.from(envelope.data.payload, 'utf8'), key, Buffer.from(envelope.data.signature, 'base64'));
  if (!valid) throw new ZkError('E_FLAGS_INVALID', 'The flags file signature does not match its contents.');
  let json: unknown;
  try {
    json = JSON.parse(envelope.data.payload);
  } catch {
    throw new ZkError('E_FLAGS_INVALID', 'The signed flags payload is not JSON.');
  }
  const payload = flagsPayloadSchema.safeParse(json);
  if (!payload.success) {
    throw new ZkError('E_FLAGS_INVALID', 'The signed flags payload does not match the flags schema.', {
      issue: payload.error.issues[0]?.message,
    });
  }
  return payload.data;
}
