// r1cs, zkey and ptau files share iden3's binary layout: a 4-byte magic, a version, then
// typed sections of known size. Only the few header fields the build needs are read, with
// small positioned reads, so a 75 MB ptau costs microseconds rather than a full load.
import { open, type FileHandle } from 'node:fs/promises';

export interface SectionTable {
  magic: string;
  version: number;
  /** Section type → byte offset of its body and its size (the first one of that type). */
  sections: Map<number, { offset: number; size: number }>;
}

async function readExact(fd: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error(`unexpected end of file at byte ${position + bytesRead}`);
  return buffer;
}

export async function readSectionTable(file: string, expectedMagic: string): Promise<SectionTable> {
  const fd = await open(file, 'r');
  try {
    const { size: fileSize } = await fd.stat();
    const head = await readExact(fd, 0, 12);
    const magic = head.toString('latin1', 0, 4);
    if (magic !== expectedMagic) throw new Error(`${file} is not a ${expectedMagic} file (magic "${magic}")`);
    const version = head.readUInt32LE(4);
    const count = head.readUInt32LE(8);
    const sections = new Map<number, { offset: number; size: number }>();
    let position = 12;
    for (let i = 0; i < count; i++) {
      const entry = await readExact(fd, position, 12);
      const type = entry.readUInt32LE(0);
      const size = Number(entry.readBigUInt64LE(4));
      const offset = position + 12;
      if (offset + size > fileSize) throw new Error(`${file} is truncated (section ${type} runs past the end)`);
      if (!sections.has(type)) sections.set(type, { offset, size });
      position = offset + size;
    }
    return { magic, version, sections };
  } finally {
    await fd.close();
  }
}

export async function readSection(file: string, table: SectionTable, type: number, maxBytes = 4096): Promise<Buffer> {
  const section = table.sections.get(type);
  if (!section) throw new Error(`${file} has no section ${type}`);
  const fd = await open(file, 'r');
  try {
    return await readExact(fd, section.offset, Math.min(section.size, maxBytes));
  } finally {
    await fd.close();
  }
}

export interface R1csHeader {
  wires: number;
  outputs: number;
  publicInputs: number;
  privateInputs: number;
  labels: number;
  constraints: number;
}

/** Header section (type 1): n8, prime, nWires, nPubOut, nPubIn, nPrvIn, nLabels (u64), nConstraints. */
export async function readR1csHeader(file: string): Promise<R1csHeader> {
  const table = await readSectionTable(file, 'r1cs');
  const body = await readSection(file, table, 1);
  const n8 = body.readUInt32LE(0);
  let at = 4 + n8;
  const u32 = (): number => {
    const value = body.readUInt32LE(at);
    at += 4;
    return value;
  };
  const wires = u32();
  const outputs = u32();
  const publicInputs = u32();
  const privateInputs = u32();
  const labels = Number(body.readBigUInt64LE(at));
  at += 8;
  const constraints = u32();
  return { wires, outputs, publicInputs, privateInputs, labels, constraints };
}

/** The Groth16 header (section 2): n8q, q, n8r, r, nVars, nPublic, domainSize, … */
export async function readZkeyDomainSize(file: string): Promise<number> {
  const table = await readSectionTable(file, 'zkey');
  const body = await readSection(file, table, 2);
  const n8q = body.readUInt32LE(0);
  const n8r = body.readUInt32LE(4 + n8q);
  return body.readUInt32LE(4 + n8q + 4 + n8r + 8);
}

export interface PtauHeader {
  power: number;
  /** `prepare phase2` adds the Lagrange-basis sections (12–15) that `zkey new` reads. */
  preparedForPhase2: boolean;
}

/** Header section (type 1): n8, q, power, ceremonyPower. */
export async function readPtauHeader(file: string): Promise<PtauHeader> {
  const table = await readSectionTable(file, 'ptau');
  const body = await readSection(file, table, 1);
  const n8 = body.readUInt32LE(0);
  return { power: body.readUInt32LE(4 + n8), preparedForPhase2: table.sections.has(12) };
}
