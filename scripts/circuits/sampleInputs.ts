// A valid input for each bundled circuit, recognised by its interface rather than its id so a
// copy or a variant of a circuit gets one too. Values come from fixed seeds: the same every
// build, and real (a Poseidon preimage, a Merkle path that hashes to its root).
import { buildPoseidon } from 'circomlibjs';
import type { InputSignal } from '../../common/prover/circuitManifest.js';
import { sha256Text } from './fileSha256.js';

export const BN128_SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

export type SampleInput = Record<string, string | string[]>;

export function seededFieldElement(seed: string): bigint {
  return BigInt(`0x${sha256Text(`zkdesk sample ${seed}`)}`) % BN128_SCALAR_FIELD;
}

type Poseidon = (inputs: bigint[]) => bigint;

async function poseidonHasher(): Promise<Poseidon> {
  const poseidon = await buildPoseidon();
  return (inputs) => poseidon.F.toObject(poseidon(inputs));
}

function shapeOf(inputs: InputSignal[]): Map<string, string> {
  return new Map(inputs.map((i) => [i.name, `${i.dims.join('x')}${i.public ? ' public' : ''}`]));
}

function matches(inputs: InputSignal[], expected: Record<string, (shape: string) => boolean>): boolean {
  const shape = shapeOf(inputs);
  return shape.size === Object.keys(expected).length && Object.entries(expected).every(([name, test]) => shape.has(name) && test(shape.get(name) ?? ''));
}

async function poseidonPreimage(): Promise<SampleInput> {
  const hash = await poseidonHasher();
  const preimage = [seededFieldElement('preimage 0'), seededFieldElement('preimage 1')];
  return { preimage: preimage.map(String), hash: String(hash(preimage)) };
}

/** A real leaf-to-root path: siblings and left/right turns drawn from fixed seeds. */
async function merkleMembership(depth: number): Promise<SampleInput> {
  const hash = await poseidonHasher();
  const secret = seededFieldElement('merkle secret');
  const pathElements: bigint[] = [];
  const pathIndices: number[] = [];
  let node = hash([secret]);
  for (let level = 0; level < depth; level++) {
    const sibling = hash([seededFieldElement(`merkle sibling leaf ${level}`)]);
    const isRight = Number.parseInt(sha256Text(`zkdesk sample merkle index ${level}`).slice(0, 2), 16) & 1;
    pathElements.push(sibling);
    pathIndices.push(isRight);
    node = isRight ? hash([sibling, node]) : hash([node, sibling]);
  }
  return { secret: String(secret), pathElements: pathElements.map(String), pathIndices: pathIndices.map(String), root: String(node) };
}

function stress(): SampleInput {
  return { seed: String(seededFieldElement('stress seed')), k: String(seededFieldElement('stress k')) };
}

/** null when the circuit's interface is not one this build knows how to fill. */
export async function makeSampleInput(inputs: InputSignal[]): Promise<SampleInput | null> {
  const scalar = (shape: string) => shape === '' || shape === ' public';
  if (matches(inputs, { preimage: (s) => s === '2', hash: scalar })) return poseidonPreimage();
  const pathShape = /^(\d+)$/;
  const depth = Number(pathShape.exec(shapeOf(inputs).get('pathElements') ?? '')?.[1] ?? NaN);
  if (
    Number.isInteger(depth) &&
    matches(inputs, { secret: scalar, pathElements: (s) => s === String(depth), pathIndices: (s) => s === String(depth), root: scalar })
  ) {
    return merkleMembership(depth);
  }
  if (matches(inputs, { seed: scalar, k: scalar })) return stress();
  return null;
}
