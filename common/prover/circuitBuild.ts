// Building a bundled circuit that this install ships unbuilt (Stress 2^16: tens of megabytes of
// proving key), from the app: whether it can be built here and why not, and the build's
// progress step by step. Shared by the build script (which reports the steps), the service that
// runs it, the contract and the Prove view.
import type { ErrorPayload } from '../errors.js';

/** The build's steps in order, as scripts/circuits/circuitBuilder.ts runs them. */
export const circuitBuildSteps = ['compile', 'setup', 'beacon', 'vkey', 'sample', 'manifest'] as const;
export type CircuitBuildStep = (typeof circuitBuildSteps)[number];

export const circuitBuildStepLabels: Record<CircuitBuildStep, string> = {
  compile: 'Compile the circuit',
  setup: 'Set up the proving key',
  beacon: 'Close the development ceremony',
  vkey: 'Export the verification key',
  sample: 'Check the sample input',
  manifest: 'Write the manifest',
};

/** One line of the build script's `--progress-json` output. */
export type CircuitBuildEvent =
  | { type: 'step'; circuit: string; step: CircuitBuildStep; state: 'started' | 'done'; ms?: number }
  | { type: 'outcome'; circuit: string; status: string; reason: string };

/** Whether this install can build the circuit, and if not, why and what to do instead. */
export type CircuitBuildPlan =
  | {
      circuitId: string;
      possible: true;
      /** The prepared powers-of-tau file the build will use (its name). */
      ptauFile: string;
      /** How long it should take here, in words. */
      duration: string;
    }
  | { circuitId: string; possible: false; reason: string; remedy: string };

export interface CircuitBuildState {
  circuitId: string;
  state: 'running' | 'built' | 'failed' | 'cancelled';
  steps: Array<{ step: CircuitBuildStep; label: string; state: 'waiting' | 'running' | 'done' | 'failed' | 'stopped'; ms: number | null }>;
  startedAt: string;
  error: ErrorPayload | null;
}
