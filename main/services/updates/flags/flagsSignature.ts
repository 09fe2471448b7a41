// Ed25519 over the payload string, with Node's crypto and the release keys' tooling (keys/).
import { createPublicKey, sign, verify } from 'node:crypto';
import { ZkError } from '../../../../common/errors.js';
import { keyIdOf, readSigningKey } from '../keys/signingKeys.js';
import { flagsPayloadSchema, signedFlagsSchema, type FlagsPayload, type SignedFlags } from './flagsDocument.js';

export function signFlags(payload: FlagsPayload, privateKeyPem: string): SignedFlags {
  const privateKey = readSigningKey(privateKeyPem, 'flags');
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
