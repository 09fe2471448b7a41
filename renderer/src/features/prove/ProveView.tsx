// Prove: choose a circuit, see what to expect, give the input, run, watch, get the result.
// Laid out for the task: the circuit, what to expect and the input with Prove sit side by side
// in the first screen; progress, the result and the history follow below.
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { CircuitPicker } from './CircuitPicker.js';
import { PackageOpener } from './PackageOpener.js';
import { CircuitCheckPanel } from './CircuitCheckPanel.js';
import { InputEditor } from './InputEditor.js';
import { JobProgress } from './JobProgress.js';
import { ProofResultPanel } from './ProofResultPanel.js';
import { JobHistory } from './JobHistory.js';
import './prove.css';

export function ProveView() {
  const circuitsError = useAppStore((s) => s.circuitsError);
  const proveError = useAppStore((s) => s.proveError);
  return (
    <div className="view prove">
      <h1>Prove</h1>
      <div className="prove-setup">
        <div className="prove-circuit">
          <section aria-labelledby="circuit-title">
            <h2 id="circuit-title">Choose a circuit</h2>
            <CircuitPicker />
            <PackageOpener />
            <ErrorNotice error={circuitsError} />
          </section>
          <CircuitCheckPanel />
        </div>
        <div className="prove-input">
          <InputEditor />
          <ErrorNotice error={proveError} />
        </div>
      </div>
      <JobProgress />
      <ProofResultPanel />
      <JobHistory />
    </div>
  );
}
