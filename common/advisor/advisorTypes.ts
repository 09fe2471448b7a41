// What the advisor reasons over and what it says. Rules are small pure functions from an
// AdvisorInput to at most one AdvisorWarning each, so each can be read, tested and explained
// on its own; the help article for a warning is always `warnings/<id>`.
import type { SystemProfile } from '../profiler/systemProfile.js';

export type Severity = 'info' | 'warning' | 'blocker';

export type EvidenceValue = string | number | boolean | null;

export interface AdvisorWarning {
  /** Stable, kebab-case: tests, help articles and support scripts key on it. */
  id: string;
  severity: Severity;
  title: string;
  detail: string;
  /** The measured values the rule decided on, so a person can check the reasoning. */
  evidence: Record<string, EvidenceValue>;
  helpId: string;
  /** What the user can do about it, in one or two sentences. */
  fix: string;
}

/** The facts of a circuit the rules need (a subset of its manifest plus the key's size). */
export interface CircuitFacts {
  id: string;
  title: string;
  constraints: number;
  /** log2 of the Groth16 evaluation domain. */
  domainPower: number;
  wires: number;
  zkeyBytes: number;
}

/** The estimator's prediction for one proof (the estimator is built separately). */
export interface Estimate {
  totalMs: number;
  peakMemoryBytes: number;
}

/**
 * The settings the rules read. Named as in the settings service (main/services/settings), so
 * its Settings object can be passed as it is.
 */
export interface AdvisorSettings {
  /** A proof predicted to take longer than this many seconds earns a warning. */
  predictedTimeWarnSec: number;
  /** Per-worker memory cap in MiB; null or absent lets the pool size it from free memory. */
  workerMemoryCapMb?: number | null;
}

export interface AdvisorInput {
  profile: SystemProfile;
  circuit?: CircuitFacts;
  estimate?: Estimate;
  settings: AdvisorSettings;
  /** This build's version and the newest on the user's update channel, when known. */
  appVersion?: string;
  channelLatest?: string;
  /** One of zkdesk's own proofs ran while the profile was measured: its CPU load is ours. */
  ownProofsDuringProfile?: boolean;
  /** The user's recent proofs against the calibration's predictions, when there is a calibration. */
  proofPace?: ProofPace;
}

/** Recent proofs' prove time over what the calibration predicts for each (1 = as calibrated). */
export interface ProofPace {
  calibratedAt: string;
  backend: 'native' | 'snarkjs';
  /** Oldest first. */
  slowdowns: number[];
  circuits: string[];
}

export type Rule = (input: AdvisorInput) => AdvisorWarning | null;

export function makeWarning(
  id: string,
  severity: Severity,
  fields: { title: string; detail: string; evidence: Record<string, EvidenceValue>; fix: string },
): AdvisorWarning {
  return { id, severity, ...fields, helpId: `warnings/${id}` };
}
