// The advisor's entry points: every rule over one input, the warnings worst first, and the
// verdict they imply. `zkdesk doctor` and the app's warnings view both call these.
import type { SystemProfile } from '../../../common/profiler/systemProfile.js';
import type { AdvisorInput, AdvisorSettings, AdvisorWarning, CircuitFacts, Estimate, Rule, Severity } from '../../../common/advisor/advisorTypes.js';
import { verdictFrom, type Advice, type CircuitAdvice } from '../../../common/advisor/readiness.js';
import { circuitMemoryRule } from './circuitMemoryRule.js';
import { heavySwapRule, lowAvailableMemoryRule } from './lowMemoryRules.js';
import { onBatteryRule } from './batteryRule.js';
import { highCpuLoadRule } from './cpuLoadRule.js';
import { virtualMachineRule } from './virtualMachineRule.js';
import { fewCoresRule } from './fewCoresRule.js';
import { emulatedRuntimeRule, thirtyTwoBitRuntimeRule, webAssemblyRule } from './runtimeRules.js';
import { lowDiskSpaceRule } from './diskSpaceRule.js';
import { gpuAccelerationRule } from './gpuAccelerationRule.js';
import { appVersionRule } from './appVersionRule.js';
import { predictedTimeRule } from './predictedTimeRule.js';
import { profileGapsRule } from './profileGapsRule.js';
import { slowerThanCalibrationRule } from './slowerThanCalibrationRule.js';

/** Every rule. Those about a circuit or an estimate stay silent when the input has none. */
export const rules: readonly Rule[] = [
  circuitMemoryRule,
  webAssemblyRule,
  lowAvailableMemoryRule,
  heavySwapRule,
  onBatteryRule,
  highCpuLoadRule,
  thirtyTwoBitRuntimeRule,
  emulatedRuntimeRule,
  lowDiskSpaceRule,
  predictedTimeRule,
  slowerThanCalibrationRule,
  fewCoresRule,
  virtualMachineRule,
  gpuAccelerationRule,
  appVersionRule,
  profileGapsRule,
];

const SEVERITY_ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** The app version and the newest one on the user's channel, when the caller knows them. */
/** What the rules know beyond the profile and settings: versions, and whether we were proving. */
export type AdviceContext = Pick<AdvisorInput, 'appVersion' | 'channelLatest' | 'ownProofsDuringProfile' | 'proofPace'>;

export function runRules(input: AdvisorInput): Advice {
  const warnings = rules
    .map((rule) => rule(input))
    .filter((w): w is AdvisorWarning => w !== null)
    // Array.prototype.sort is stable: within a severity, warnings keep the rule order above.
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { warnings, verdict: verdictFrom(warnings) };
}

/** The machine on its own: can it prove at all, and what slows it down. */
export function adviseMachine(profile: SystemProfile, settings: AdvisorSettings, context: AdviceContext = {}): Advice {
  return runRules({ profile, settings, ...context });
}

/**
 * One circuit on this machine: the machine's warnings plus the circuit's own (memory need, disk
 * for its key, predicted time). Without an estimate, memory is judged by the conservative
 * formula in prover/memoryEstimate.ts and the predicted-time rule is skipped.
 */
export function adviseCircuit(
  profile: SystemProfile,
  circuit: CircuitFacts,
  estimate: Estimate | undefined,
  settings: AdvisorSettings,
  context: AdviceContext = {},
): CircuitAdvice {
  const input: AdvisorInput = { profile, circuit, settings, ...context };
  if (estimate) input.estimate = estimate;
  return { circuitId: circuit.id, ...runRules(input) };
}
