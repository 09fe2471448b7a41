// How long a proof of a checked circuit should take here and how much memory it should need:
// the estimator's model over this machine's calibration, corrected by the proofs it has made.
import type { Calibration, EstimateBreakdown } from '../../../common/profiler/calibrationTypes.js';
import { estimateProof } from './estimator.js';
import type { JobHistory } from './jobHistory.js';
import type { CheckedCircuit } from './resolvedCircuit.js';

/** Recent jobs read for the correction: more than the estimator's window, so it finds enough of this circuit's. */
const HISTORY_READ_LIMIT = 500;

export interface ProofEstimatesOptions {
  /** This machine's calibration, or null where it has none yet. */
  calibration(): Promise<Calibration | null>;
  history: Pick<JobHistory, 'read'>;
}

export class ProofEstimates {
  constructor(private readonly options: ProofEstimatesOptions) {}

  async estimate(circuit: CheckedCircuit): Promise<EstimateBreakdown> {
    const [calibration, history] = await Promise.all([this.options.calibration(), this.options.history.read({ limit: HISTORY_READ_LIMIT })]);
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
    );
  }
}
