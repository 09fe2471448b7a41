// The estimate the app would show for a proof, kept with the job as the app keeps it. A cold
// `zkdesk prove` opens only the prover core, so this builds the one estimator from its parts:
// the stored calibration counts when this machine's fingerprint (CPU, memory, OS: three probes,
// not a whole profile) and its workers' prover match it (calibrationIfCurrent, as the app's).
import type { Calibration } from '../../common/profiler/calibrationTypes.js';
import type { ProverCore } from '../api/proverCore.js';
import { calibrationIfCurrent, readStoredCalibration } from '../services/profiler/calibrationService.js';
import { ProofEstimates } from '../services/prover/proofEstimates.js';

export async function predictedMsForCli(core: ProverCore, circuitId: string): Promise<number | null> {
  const calibration = async (): Promise<Calibration | null> => {
    const stored = await readStoredCalibration(core.options.dataDir);
    // None stored: no fingerprint can match, so the probes (systeminformation) are not even loaded.
    if (!stored) return null;
    const { collectFingerprint } = await import('../services/profiler/profileCollector.js');
    const fingerprint = await collectFingerprint();
    if (!fingerprint.complete) return null;
    return calibrationIfCurrent(stored, fingerprint.sha256, async () => (await core.prover.backend.current()).backend);
  };
  const estimates = new ProofEstimates({
    calibration,
    history: core.prover.history,
    circuits: core.circuits,
    backend: async () => (await core.prover.backend.current()).backend,
  });
  return estimates.predictedMs(circuitId);
}
