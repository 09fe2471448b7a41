// How long a proof of a checked circuit should take here and how much memory it should need:
// the estimator's model over this machine's calibration, corrected by the proofs it has made.
import type { Calibration, EstimateBreakdown } from '../../../common/profiler/calibrationTypes.js';
import type { ProverBackend } from '../../../common/workerProtocol.js';
import type { CircuitCatalogue } from './circuitCatalogue.js';
import { estimateProof } from './estimator.js';
import type { JobHistory } from './jobHistory.js';
import type { CheckedCircuit } from './resolvedCircuit.js';

/** Recent jobs read for the correction: more than the estimator's window, so it finds enough of this circuit's. */
const HISTORY_READ_LIMIT = 500;

export interface ProofEstimatesOptions {
  /** This machine's calibration, or null where it has none yet. */
  calibration(): Promise<Calibration | null>;
  history: Pick<JobHistory, 'read'>;
  /** Checks a circuit by id (for predictedMs). */
  circuits: Pick<CircuitCatalogue, 'check'>;
  /** Which prover the workers use: with no calibration yet, the estimate follows it. snarkjs where not given. */
  backend?: () => Promise<ProverBackend>;
}

export class ProofEstimates {
  constructor(private readonly options: ProofEstimatesOptions) {}

  async estimate(circuit: CheckedCircuit): Promise<EstimateBreakdown> {
    const [calibration, history, backend] = await Promise.all([
      this.options.calibration(),
      this.options.history.read({ limit: HISTORY_READ_LIMIT }),
      this.options.backend?.() ?? Promise.resolve<ProverBackend>('snarkjs'),
    ]);
    return estimateProof(
      {
        circuitId: circuit.id,
        zkeySha256: circuit.artifacts.zkeySha256,
        constraints: circuit.manifest?.constraints ?? null,
        wires: circuit.header.nVars,
        domainPower: circuit.header.domainPower,
        publicSignals: circuit.header.nPublic,
        zkeyBytes: circuit.zkeyBytes,
      },
      calibration,
      history,
      backend,
    );
  }

  /**
   * The estimate for this circuit now, kept with the proof it is for (null when this machine is
   * not calibrated, or the circuit cannot be checked: the proof itself will say why).
   */
  async predictedMs(circuitId: string): Promise<number | null> {
    try {
      const estimate = await this.estimate(await this.options.circuits.check(circuitId));
      return estimate.totalMs > 0 ? Math.round(estimate.totalMs) : null;
    } catch {
      return null;
    }
  }
}
