// Whether a job may enter the queue, and when it may start. A job is admitted only if its
// circuit is not switched off, its files are whole, its input fits the circuit, and the memory
// it is expected to need exists on this machine at all; it starts when that memory fits beside
// the jobs already running. Everything here happens before a worker sees the job.
import os from 'node:os';
import { ZkError } from '../../../common/errors.js';
import { formatBytes } from '../../../common/format/byteUnits.js';
import type { CircuitInput } from '../../../common/workerProtocol.js';
import type { ProverBackend } from '../../../common/workerProtocol.js';
import { checkArtifacts } from './artifactCheck.js';
import { FileHashCache } from './fileHash.js';
import { checkInput } from './inputCheck.js';
import { estimatePeakMemoryBytes } from './memoryEstimate.js';
import type { CheckedCircuit, ResolvedCircuit } from './resolvedCircuit.js';
import { checkInputAgainstWasm } from './wasmInputCheck.js';
import { mainSignalNames, WasmInterfaceCache } from './wasmInterface.js';

export interface JobAdmissionOptions {
  /** Which prover the workers use (they say so in their ready messages): memory differs between the two. */
  backend?: () => Promise<ProverBackend>;
  /** The hashes of circuit files already read (the circuit catalogue's): a key is hashed once per process. */
  hashes?: FileHashCache;
  /** Threads each worker's curve uses (one per core): part of a job's memory. */
  threads?: number;
  /** Memory the OS says is available now; running jobs' needs are subtracted. Default os.freemem. */
  availableMemory?: () => number;
  /** All the machine's memory: a job expected to need more is refused, not started. Default os.totalmem. */
  totalMemory?: () => number;
  /** The signed kill switch: throws for a circuit switched off, before anything else is checked or recorded. */
  killSwitch?: (circuitId: string) => void;
}

/** A job that passed admission: its files checked, its input parsed, its memory estimated. */
export interface AdmittedJob {
  circuit: CheckedCircuit;
  input: CircuitInput;
  expectedPeakBytes: number;
}

const MB = 1024 * 1024;

export class JobAdmission {
  private readonly hashes: FileHashCache;
  private readonly wasmInterfaces = new WasmInterfaceCache();
  private readonly threads: number;
  private readonly availableMemory: () => number;
  private readonly totalMemory: () => number;

  constructor(private readonly options: JobAdmissionOptions = {}) {
    this.hashes = options.hashes ?? new FileHashCache();
    this.threads = options.threads ?? os.availableParallelism();
    this.availableMemory = options.availableMemory ?? (() => os.freemem());
    this.totalMemory = options.totalMemory ?? (() => os.totalmem());
  }

  /** Throws E_CIRCUIT_DISABLED for a circuit the signed flags switch off; such a job is not even recorded. */
  refuseIfSwitchedOff(circuitId: string): void {
    this.options.killSwitch?.(circuitId);
  }

  /** Checks the circuit's files and the input, and estimates the job's memory; throws a ZkError saying what is wrong. */
  async admit(circuit: ResolvedCircuit, rawInput: unknown): Promise<AdmittedJob> {
    const checked = await checkArtifacts(circuit, this.hashes, { interfaces: this.wasmInterfaces });
    const input = checkInput(rawInput, circuit.manifest?.inputs ?? null);
    const wasm = checked.wasmInterface;
    if (wasm) await checkInputAgainstWasm(input, wasm, () => mainSignalNames(checked.files.wasmPath));
    const expectedPeakBytes = estimatePeakMemoryBytes({ wires: checked.header.nVars, zkeyBytes: checked.zkeyBytes }, this.threads, this.options.backend ? await this.options.backend() : 'snarkjs');
    this.refuseIfNeverFits(expectedPeakBytes);
    return { circuit: checked, input, expectedPeakBytes };
  }

  /**
   * A job fits if its expected peak, plus the expected peaks of the jobs already running,
   * fits in 80 % of what the OS says is available. Running jobs' memory is partly counted
   * twice (they already use some of it): conservative on purpose. One job may always run
   * alone; the advisor warns before a job that cannot fit at all.
   */
  fits(expectedPeakBytes: number, running: readonly { expectedPeakBytes: number }[]): boolean {
    if (running.length === 0) return true;
    const inUse = running.reduce((total, job) => total + job.expectedPeakBytes, 0);
    return expectedPeakBytes + inUse <= this.availableMemory() * 0.8;
  }

  /**
   * A job that would need more than all the machine's memory is refused before it queues: it
   * would run alone (admission lets one job always run) and only fail late, or take the machine down.
   */
  private refuseIfNeverFits(expectedPeakBytes: number): void {
    const total = this.totalMemory();
    if (expectedPeakBytes <= total) return;
    const neededMb = Math.round(expectedPeakBytes / MB);
    const totalMb = Math.round(total / MB);
    throw new ZkError('E_OUT_OF_MEMORY', `This proof needs about ${formatBytes(expectedPeakBytes)} of memory, more than this machine's ${formatBytes(total)}, so it was not started.`, {
      limit: 'machine memory',
      expectedPeakMb: neededMb,
      totalMemoryMb: totalMb,
    });
  }
}
