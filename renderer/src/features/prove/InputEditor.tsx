// The circuit's input as JSON: typed, pasted, loaded from a file, or the circuit's sample; then
// Prove (which asks first when the proof is predicted to be long) or Cancel.
//
// Prove and Cancel are never `disabled` while a proof runs: a disabled button drops the
// keyboard focus to the page (a screen reader hears nothing). They are aria-disabled instead,
// stay focusable, and do nothing when pressed in that state.
import { useAppStore } from '../../stores/appStore.js';
import { isFinished } from './proverSlice.js';
import { InputFileLoader } from './InputFileLoader.js';
import { LongProofQuestion } from './LongProofQuestion.js';

export function InputEditor() {
  const circuitId = useAppStore((s) => s.selectedCircuitId);
  const circuitReady = useAppStore((s) => s.circuitCheck !== null);
  const inputText = useAppStore((s) => s.inputText);
  const setInputText = useAppStore((s) => s.setInputText);
  const loadSampleInput = useAppStore((s) => s.loadSampleInput);
  const submitProof = useAppStore((s) => s.submitProof);
  const cancelProof = useAppStore((s) => s.cancelProof);
  const submitting = useAppStore((s) => s.submitting);
  const job = useAppStore((s) => s.currentJob);
  const asking = useAppStore((s) => s.longProofQuestion !== null);
  const running = submitting || (job !== null && !isFinished(job));
  if (!circuitId) return null;
  const proveOff = running || asking || !circuitReady || inputText.trim() === '';
  const cancelOff = !running || submitting;
  return (
    <section aria-labelledby="input-title">
      <h2 id="input-title">Input</h2>
      <div className="field">
        <label htmlFor="input-json">Input (JSON: each input signal and its value)</label>
        <textarea id="input-json" rows={8} spellCheck={false} value={inputText} onChange={(e) => setInputText(e.target.value)} />
      </div>
      <InputFileLoader />
      <div className="actions">
        <button type="button" onClick={() => void loadSampleInput()}>
          Load sample input
        </button>
        <button id="prove-button" type="button" className="primary" aria-disabled={proveOff} onClick={() => void (proveOff ? undefined : submitProof())}>
          Prove
        </button>
        <button type="button" aria-disabled={cancelOff} onClick={() => void (cancelOff ? undefined : cancelProof())}>
          Cancel proof
        </button>
      </div>
      <LongProofQuestion />
    </section>
  );
}
