// Reads a Groth16 .zkey's header without loading the key: enough to refuse a truncated or
// foreign file in milliseconds, before any worker starts. Layout (snarkjs zkey_utils.js,
// binfileutils): "zkey", u32 version, u32 section count, then sections of
// (u32 type, u64 size, bytes); section 1 holds the protocol id (1 = groth16), section 2 the
// Groth16 header (n8q, q, n8r, r, nVars, nPublic, domainSize, ...).
import { open } from 'node:fs/promises';
import { ZkError } from '../../../common/errors.js';

export interface ZkeyHeader {
  protocol: 'groth16';
  nVars: number;
  nPublic: number;
  domainSize: number;
  domainPower: number;
  fileBytes: number;
}

const BN128_Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
const GROTH16_PROTOCOL_ID = 1;

function corrupt(reason: string, details: Record<string, string | number> = {}): ZkError {
  return new ZkError('E_ARTIFACT_CORRUPT', `The proving key is damaged or not a Groth16 key: ${reason}.`, { file: 'proving key', reason, ...details });
}

function leBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  return value;
}

export async function readZkeyHeader(path: string): Promise<ZkeyHeader> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw new ZkError('E_ARTIFACT_MISSING', 'The proving key file could not be opened.', { file: 'proving key' }, { cause: error });
  });
  try {
    const info = await handle.stat();
    // A folder opens on POSIX, then fails its first read with EISDIR: named here instead.
    if (!info.isFile()) throw new ZkError('E_ARTIFACT_MISSING', 'The proving key path names a folder, not a .zkey file.', { file: 'proving key', kind: 'folder' });
    const fileBytes = info.size;
    const read = async (position: number, length: number): Promise<Buffer> => {
      if (position + length > fileBytes) throw corrupt('the file ends early (truncated)', { fileBytes, needed: position + length });
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, position);
      return buffer;
    };

    const head = await read(0, 12);
    if (head.toString('latin1', 0, 4) !== 'zkey') throw corrupt('it does not start with the zkey magic');
    const sectionCount = head.readUInt32LE(8);
    if (sectionCount < 3 || sectionCount > 64) throw corrupt('implausible section count', { sectionCount });

    const sections = new Map<number, { position: number; size: number }>();
    let position = 12;
    for (let i = 0; i < sectionCount; i++) {
      const sectionHead = await read(position, 12);
      const type = sectionHead.readUInt32LE(0);
      const size = Number(sectionHead.readBigUInt64LE(4));
      position += 12;
      if (position + size > fileBytes) {
        throw corrupt('the file ends early (truncated)', { section: type, fileBytes, needed: position + size });
      }
      sections.set(type, { position, size });
      position += size;
    }
    if (position !== fileBytes) throw corrupt('there are extra bytes after the last section', { fileBytes, expected: position });

    const protocolSection = sections.get(1);
    const headerSection = sections.get(2);
    if (!protocolSection || !headerSection) throw corrupt('the header sections are missing');
    const protocolId = (await read(protocolSection.position, 4)).readUInt32LE(0);
    if (protocolId !== GROTH16_PROTOCOL_ID) throw corrupt('it is not a Groth16 key', { protocolId });

    const header = await read(headerSection.position, headerSection.size);
    let at = 0;
    const n8q = header.readUInt32LE(at);
    at += 4;
    const q = leBigInt(header.subarray(at, at + n8q));
    at += n8q;
    if (q !== BN128_Q) throw corrupt('it is for a curve other than bn128');
    const n8r = header.readUInt32LE(at);
    at += 4 + n8r;
    const nVars = header.readUInt32LE(at);
    const nPublic = header.readUInt32LE(at + 4);
    const domainSize = header.readUInt32LE(at + 8);
    const domainPower = Math.log2(domainSize);
    if (!Number.isInteger(domainPower)) throw corrupt('its domain size is not a power of two', { domainSize });
    return { protocol: 'groth16', nVars, nPublic, domainSize, domainPower, fileBytes };
  } finally {
    await handle.close();
  }
}
