// A failed constraint names the input it is about: circom's witness error gives the main
// template's line, the circuit's source says which input signals that line uses.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedConstraint, failedConstraintMessage } from '../../../main/services/prover/failedConstraint.js';

const circuits = path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'circuits');
const source = (id: string) => readFile(path.join(circuits, id, 'circuit.circom'), 'utf8');

describe('the input behind a failed constraint', () => {
  it('names the public hash of the Poseidon preimage circuit (the error real circom wasm throws)', async () => {
    const failed = failedConstraint('Error: Assert Failed. Error in template PoseidonPreimage_71 line: 14\n', await source('poseidon-preimage'));
    expect(failed).toEqual({ line: 14, text: 'hash === hasher.out;', inputs: ['hash'] });
    expect(failedConstraintMessage(failed!)).toBe('The input does not satisfy the circuit: the check on line 14 of the circuit (hash === hasher.out;) failed. Check the input "hash".');
  });

  it('names the Merkle root, or the path indices, by the line of the main template that failed', async () => {
    const merkle = await source('merkle-membership');
    const rootLine = merkle.split('\n').findIndex((l) => l.includes('root === levelHash')) + 1;
    const bitLine = merkle.split('\n').findIndex((l) => l.includes('pathIndices[i] * (1 - pathIndices[i]) === 0')) + 1;
    expect(failedConstraint(`Error: Assert Failed. Error in template MerkleMembership_301 line: ${rootLine}`, merkle)?.inputs).toEqual(['root']);
    // A failure inside a sub-template: the main template's frame is the one that points at the input.
    expect(failedConstraint(`Error: Assert Failed.\nError in template Num2Bits_3 line: 38\nError in template MerkleMembership_301 line: ${bitLine}`, merkle)?.inputs).toEqual(['pathIndices']);
  });

  it('says nothing it cannot back: no main frame, no source line, or a line without inputs', async () => {
    const preimage = await source('poseidon-preimage');
    expect(failedConstraint('Error: Assert Failed. Error in template Poseidon_3 line: 9', preimage)).toBeNull();
    expect(failedConstraint('Error: Assert Failed.', preimage)).toBeNull();
    expect(failedConstraint('Error in template PoseidonPreimage_71 line: 999', preimage)).toBeNull();
    expect(failedConstraint('Error in template PoseidonPreimage_71 line: 11', preimage)?.inputs).toEqual([]);
  });
});
