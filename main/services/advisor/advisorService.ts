// Advice as the app gives it: the machine's current profile, the user's settings, the version
// the update check offered and, for a circuit, its checked facts and this machine's estimate,
// composed for the rules in advise.ts.
import type { Advice, CircuitAdvice } from '../../../common/advisor/readiness.js';
import type { AdvisorSettings, CircuitFacts } from '../../../common/advisor/advisorTypes.js';
import type { Calibration, EstimateBreakdown } from '../../../common/profiler/calibrationTypes.js';
import type { UpdateState } from '../../../common/updates/updateState.js';
import type { ProfileService } from '../profiler/profileService.js';
import type { JobHistory } from '../prover/jobHistory.js';
import type { CircuitCatalogue } from '../prover/circuitCatalogue.js';
import type { ProofEstimates } from '../prover/proofEstimates.js';
import type { CheckedCircuit } from '../prover/resolvedCircuit.js';
import { adviseCircuit, adviseMachine, type AdviceContext } from './advise.js';
import { proofPace } from './proofPace.js';

export interface AdvisorServiceOptions {
  appVersion: string;
  profiles: Pick<ProfileService, 'current' | 'ownProofsDuringLast'>;
  circuits: Pick<CircuitCatalogue, 'check'>;
  estimates: Pick<ProofEstimates, 'estimate'>;
  /** This machine's calibration and the job history: the user's recent proofs against it (the slower-than-calibration rule). */
  calibration(): Promise<Calibration | null>;
  history: Pick<JobHistory, 'read'>;
  /** The user's settings as they are now. */
  settings(): AdvisorSettings;
  /** The update service's state, where the host has one. */
  updateState(): UpdateState | undefined;
}

/**
 * The newer build the last update check offered this install. A release it is staged out of,
 * or an older one (a channel switch), is no reason to tell the user they are behind.
 */
export function offeredVersion(state: UpdateState | undefined): string | undefined {
  if (state?.kind === 'available') return state.isDowngrade ? undefined : state.version;
  if (state?.kind === 'downloading' || state?.kind === 'downloaded') return state.version;
  return undefined;
}

export class AdvisorService {
  constructor(private readonly options: AdvisorServiceOptions) {}

  async machine(): Promise<Advice> {
    const profile = await this.options.profiles.current();
    return adviseMachine(profile, this.settings(), await this.context());
  }

  async circuit(id: string): Promise<{ circuit: CheckedCircuit; advice: CircuitAdvice; estimate: EstimateBreakdown }> {
    const circuit = await this.options.circuits.check(id);
    const estimate = await this.options.estimates.estimate(circuit);
    const facts: CircuitFacts = {
      id: circuit.id,
      title: circuit.title,
      constraints: circuit.manifest?.constraints ?? circuit.header.domainSize,
      domainPower: circuit.header.domainPower,
      wires: circuit.header.nVars,
      zkeyBytes: circuit.zkeyBytes,
    };
    const timed = estimate.model ? { totalMs: estimate.totalMs, peakMemoryBytes: estimate.peakMemoryBytes } : undefined;
    const profile = await this.options.profiles.current();
    const advice = adviseCircuit(profile, facts, timed, this.settings(), await this.context());
    return { circuit, advice, estimate };
  }

  private settings(): AdvisorSettings {
    const s = this.options.settings();
    return { predictedTimeWarnSec: s.predictedTimeWarnSec, workerMemoryCapMb: s.workerMemoryCapMb ?? null };
  }

  /**
   * What the rules know beside the profile: our version, the channel's, whether we were proving
   * while it was measured, and how the user's recent proofs kept pace with the calibration.
   */
  private async context(): Promise<AdviceContext> {
    const channelLatest = offeredVersion(this.options.updateState());
    const [calibration, history] = await Promise.all([this.options.calibration(), this.options.history.read({ limit: 500 })]);
    const pace = proofPace(calibration, history);
    return {
      appVersion: this.options.appVersion,
      ...(channelLatest ? { channelLatest } : {}),
      ownProofsDuringProfile: this.options.profiles.ownProofsDuringLast,
      ...(pace ? { proofPace: pace } : {}),
    };
  }
}
