// What a prover needs to know about a compiled circuit without running it: its size, the
// inputs of the main component, and the names of the public signals in public.json order.
// circom numbers wires 0 = the constant one, then outputs, public inputs, private inputs;
// the .sym file names each wire (`main.preimage[1]`).
import { readFile } from 'node:fs/promises';
import type { InputSignal } from '../../common/prover/circuitManifest.js';
import { readR1csHeader } from './binarySections.js';

export interface CircuitInterface {
  constraints: number;
  wires: number;
  outputs: number;
  publicInputs: number;
  privateInputs: number;
  inputs: InputSignal[];
  /** Outputs then public inputs, arrays expanded as `name[i]`. */
  publicSignals: string[];
}

const MAIN_SIGNAL = /^main\.([A-Za-z_$][\w$]*)((?:\[\d+\])*)$/;

interface WireName {
  name: string;
  indices: number[];
  label: string;
}

/** The first main-component name of each wire (lower labels are the declared signals). */
export function wireNamesFromSym(sym: string, lastWire: number): Map<number, WireName> {
  const names = new Map<number, WireName>();
  for (const line of sym.split('\n')) {
    const [, wireText, , label] = line.trim().split(',');
    if (!label) continue;
    const wire = Number(wireText);
    if (wire < 1 || wire > lastWire || names.has(wire)) continue;
    const match = MAIN_SIGNAL.exec(label);
    if (!match?.[1]) continue;
    const indices = [...(match[2] ?? '').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    names.set(wire, { name: match[1], indices, label: label.slice('main.'.length) });
  }
  return names;
}

export async function readCircuitInterface(r1csPath: string, symPath: string): Promise<CircuitInterface> {
  const header = await readR1csHeader(r1csPath);
  const publicCount = header.outputs + header.publicInputs;
  const lastInput = publicCount + header.privateInputs;
  const names = wireNamesFromSym(await readFile(symPath, 'utf8'), lastInput);

  const publicSignals: string[] = [];
  for (let wire = 1; wire <= publicCount; wire++) {
    const entry = names.get(wire);
    if (!entry) throw new Error(`${symPath} names no main signal for public wire ${wire}`);
    publicSignals.push(entry.label);
  }

  const grouped = new Map<string, { public: boolean; maxIndex: number[]; count: number }>();
  for (let wire = header.outputs + 1; wire <= lastInput; wire++) {
    const entry = names.get(wire);
    if (!entry) throw new Error(`${symPath} names no main signal for input wire ${wire}`);
    const isPublic = wire <= publicCount;
    const group = grouped.get(entry.name) ?? { public: isPublic, maxIndex: entry.indices.map(() => 0), count: 0 };
    if (group.public !== isPublic || group.maxIndex.length !== entry.indices.length) {
      throw new Error(`${symPath}: input ${entry.name} mixes public and private wires or array shapes`);
    }
    entry.indices.forEach((index, d) => (group.maxIndex[d] = Math.max(group.maxIndex[d] ?? 0, index)));
    group.count++;
    grouped.set(entry.name, group);
  }

  const inputs: InputSignal[] = [];
  for (const [name, group] of grouped) {
    const dims = group.maxIndex.map((max) => max + 1);
    const expected = dims.reduce((a, b) => a * b, 1);
    if (expected !== group.count) throw new Error(`${symPath}: input ${name}${dims.map((d) => `[${d}]`).join('')} has ${group.count} wires`);
    inputs.push({ name, dims, public: group.public });
  }

  return {
    constraints: header.constraints,
    wires: header.wires,
    outputs: header.outputs,
    publicInputs: header.publicInputs,
    privateInputs: header.privateInputs,
    inputs,
    publicSignals,
  };
}

/** log2 of the smallest Groth16 domain that holds the circuit: snarkjs's `zkey new` rule. */
export function requiredDomainPower(circuit: Pick<CircuitInterface, 'constraints' | 'outputs' | 'publicInputs'>): number {
  const needed = circuit.constraints + circuit.outputs + circuit.publicInputs + 1;
  return Math.max(1, Math.ceil(Math.log2(needed)));
}
