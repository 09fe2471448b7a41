// The machine class a baseline belongs to: cores, CPU model, the CPU features the provers' code
// depends on, and the backend zkdesk proves with here. Ratios to peers travel well between
// machines of one class; across classes (another core count, no ADX, snarkjs instead of native)
// they do not, so each class keeps its own baseline file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { locateNativeProver } from '../native-workers/nativeGroth16.js';
import type { BenchMachineClass } from '../common/profiler/benchRunTypes.js';

/** The features that change how the provers' arithmetic runs (field assembly, vector units). */
const RELEVANT_FLAGS = ['adx', 'bmi2', 'avx', 'avx2', 'avx512f', 'avx512ifma', 'sha_ni', 'asimd', 'sve'];

export type MachineClass = BenchMachineClass;

function cpuFlags(): string[] {
  try {
    const line = /^(?:flags|Features)\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '';
    const present = new Set(line.split(/\s+/));
    return RELEVANT_FLAGS.filter((f) => present.has(f));
  } catch {
    return [];
  }
}

export function describeMachineClass(parts: Omit<MachineClass, 'id'>): MachineClass {
  const model = parts.cpuModel.toLowerCase().replace(/\(r\)|\(tm\)|cpu|processor|@.*$/g, ' ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const flagsHash = createHash('sha256').update(parts.flags.join(',')).digest('hex').slice(0, 8);
  return { id: `${parts.cores}c-${model || 'cpu'}-${flagsHash}-${parts.backend}`, ...parts };
}

export function thisMachineClass(env: NodeJS.ProcessEnv = process.env): MachineClass {
  return describeMachineClass({
    cores: os.availableParallelism(),
    cpuModel: (os.cpus()[0]?.model ?? 'unknown cpu').trim(),
    flags: cpuFlags(),
    backend: locateNativeProver(env) ? 'native' : 'snarkjs',
  });
}
