// What an estimate was computed from, for whoever wants to check it: the stages, the
// calibrated operation costs, the correction learnt from real proofs, the circuit's shape.
// Folded away by default: the time and memory above are what most people need.
import type { EstimateBreakdown } from '../../../../common/profiler/calibrationTypes.js';
import { formatBytes } from '../../format/formatBytes.js';
import { formatDuration } from '../../format/formatDuration.js';
import { FactList as Facts } from '../../app/FactList.js';


export function EstimateBasis({ estimate }: { estimate: EstimateBreakdown }) {
  const { inputs, model, correction } = estimate;
  const calibrated = model !== null;
  return (
    <details className="estimate-basis">
      <summary>How this estimate was worked out</summary>
      {calibrated ? (
        <>
          <h4>By stage</h4>
          <Facts
            rows={[
              ['Witness', formatDuration(estimate.witnessMs)],
              ['Proof', formatDuration(estimate.proveMs)],
              ['Verification', formatDuration(estimate.verifyMs)],
            ]}
          />
          <h4>From this machine's calibration</h4>
          <Facts
            rows={[
              ['G1 multi-exponentiations', formatDuration(model.g1MsmMs)],
              ['G2 multi-exponentiation', formatDuration(model.g2MsmMs)],
              ['FFTs', formatDuration(model.fftMs)],
              ['Proof, as modelled', formatDuration(model.modelProveMs)],
            ]}
          />
          <h4>Correction from real proofs</h4>
          <p>
            {correction
              ? `The modelled proof time × ${correction.factor.toFixed(2)}: the ${correction.source}.`
              : 'None yet: the model is used as it is until this machine has a reference proof or a few proofs in its history.'}
          </p>
        </>
      ) : (
        <p>This machine has not been calibrated yet, so there is no time estimate. Calibrating measures the operations a proof is made of.</p>
      )}
      <h4>The circuit</h4>
      <Facts
        rows={[
          ['Wires', inputs.wires.toLocaleString()],
          ['Domain', `2^${inputs.domainPower}`],
          ['Public signals', inputs.publicSignals.toLocaleString()],
          ['Proving key', formatBytes(inputs.zkeyBytes)],
          ['Prover threads', inputs.threads === null ? 'not measured yet' : String(inputs.threads)],
        ]}
      />
      <p className="hint">Peak memory: {estimate.basis.memory}.</p>
    </details>
  );
}
