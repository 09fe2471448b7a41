// Real prover services over real worker processes for integration tests, each in its own
// temporary data directory. The worker script is the compiled one (`tsc -b` runs first).
import { mkdtemp, rm } from 'node:fs/promises';
import { ZkError } from '../../common/errors.js';
import os from 'node:os';
import path from 'node:path';
import * as snarkjs from 'snarkjs';
import { CircuitRegistry } from '../../main/services/prover/circuitRegistry.js';
import { JobHistory } from '../../main/services/prover/jobHistory.js';
import { NodeWorkerLauncher } from '../../main/services/prover/nodeWorkerLauncher.js';
import { ProverService, type ProverServiceOptions } from '../../main/services/prover/proverService.js';
import { bundledCircuitsDir } from '../../node/resourcePaths.js';
import { proverWorkerScript } from '../../native-workers/workerScripts.js';
import type { ProofResult } from '../../main/services/prover/proverService.js';
import { readFile } from 'node:fs/promises';
import type { ResolvedCircuit } from '../../main/services/prover/resolvedCircuit.js';

export const registry = new CircuitRegistry(bundledCircuitsDir());

export interface Harness {
  dataDir: string;
  prover: ProverService;
  history: JobHistory;
  close(): Promise<void>;
}

export async function makeHarness(options: Partial<ProverServiceOptions> = {}): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-test-'));
  const history = new JobHistory(dataDir);
  const prover = new ProverService({
    launcher: new NodeWorkerLauncher(),
    workerScript: compiledWorker(),
    history,
    poolSize: 1,
    memoryCapBytes: 4 * 1024 ** 3,
    availableMemory: () => os.freemem(),
    ...options,
  });
  return {
    dataDir,
    prover,
    history,
    close: async () => {
      await prover.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The worker runs from dist/, never from the TypeScript sources vitest loads. */
export function compiledWorker(): string {
  return proverWorkerScript;
}

export async function sampleInput(id: string): Promise<Record<string, unknown>> {
  return (await registry.sampleInput(id)) as Record<string, unknown>;
}

/** Checks a proof the way a third party would: plain snarkjs and the circuit's own vkey. */
export async function verifiesWithSnarkjs(circuit: ResolvedCircuit, result: ProofResult): Promise<boolean> {
  const vkey = JSON.parse(await readFile(circuit.files.vkeyPath, 'utf8')) as unknown;
  return snarkjs.groth16.verify(vkey, result.publicSignals, result.proof);
}

export async function releaseCurve(): Promise<void> {
  const holder = globalThis as { curve_bn128?: { terminate(): Promise<void> } | null };
  await holder.curve_bn128?.terminate();
  holder.curve_bn128 = null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The ZkError a promise rejects with; fails the test if it resolves or throws something else. */
export async function failureOf(promise: Promise<unknown>): Promise<ZkError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZkError) return error;
    throw error;
  }
  throw new Error('expected a ZkError');
}
