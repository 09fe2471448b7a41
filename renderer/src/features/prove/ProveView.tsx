// Prove: choose a circuit, see what to expect, give the input, run, watch, get the result.
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
      <section aria-labelledby="circuit-title">
        <h2 id="circuit-title">Choose a circuit</h2>
        <CircuitPicker />
        <PackageOpener />
        <ErrorNotice error={circuitsError} />
      </section>
      <CircuitCheckPanel />
      <InputEditor />
      <ErrorNotice error={proveError} />
      <JobProgress />
      <ProofResultPanel />
      <JobHistory />
    </div>
  );
}
