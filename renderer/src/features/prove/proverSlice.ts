// Proving: the circuits, the one chosen and what the advisor says about it, the input, the
// running job (kept current by `prover.job` events), its result, and the history.
import { zkdesk } from '../../api/zkdesk.js';
import type { CircuitCheck, CircuitSummary } from '../../../../preload/contract.js';
import type { JobRecord, JobSnapshot, ProofResult } from '../../../../main/services/prover/proverTypes.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { localError, toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface ProverSlice {
  circuits: CircuitSummary[];
  circuitsError: ErrorView | null;
  selectedCircuitId: string | null;
  circuitCheck: CircuitCheck | null;
  circuitCheckLoading: boolean;
  circuitCheckError: ErrorView | null;
  inputText: string;
  /** The job this view started last, as its latest snapshot. */
  currentJob: JobSnapshot | null;
  proofResult: ProofResult | null;
  proveError: ErrorView | null;
  /** Between pressing Prove and the host answering with the job id. */
  submitting: boolean;
  history: JobRecord[];
  historyError: ErrorView | null;
  loadCircuits(): Promise<void>;
  selectCircuit(circuitId: string): Promise<void>;
  openPackage(path?: string): Promise<void>;
  loadSampleInput(): Promise<void>;
  setInputText(text: string): void;
  submitProof(): Promise<void>;
  cancelProof(): Promise<void>;
  receiveJobSnapshot(snapshot: JobSnapshot): void;
  /** Asks for the current job's state, in case an event was missed while the socket reconnected. */
  refreshCurrentJob(): Promise<void>;
  loadHistory(): Promise<void>;
}

export function isFinished(job: JobSnapshot | null): boolean {
  return job !== null && (job.state === 'verified' || job.state === 'failed' || job.state === 'cancelled');
}

export const createProverSlice: SliceCreator<ProverSlice> = (set, get) => ({
  circuits: [],
  circuitsError: null,
  selectedCircuitId: null,
  circuitCheck: null,
  circuitCheckLoading: false,
  circuitCheckError: null,
  inputText: '',
  currentJob: null,
  proofResult: null,
  proveError: null,
  submitting: false,
  history: [],
  historyError: null,

  async loadCircuits() {
    try {
      set({ circuits: await zkdesk.circuits.list(), circuitsError: null });
    } catch (error) {
      set({ circuitsError: toErrorView(error) });
    }
  },

  async selectCircuit(circuitId) {
    set({ selectedCircuitId: circuitId, circuitCheck: null, circuitCheckError: null, circuitCheckLoading: true, inputText: '' });
    try {
      const check = await zkdesk.advisor.circuit({ circuitId });
      // The user may have picked another circuit while this one was being checked.
      if (get().selectedCircuitId === circuitId) set({ circuitCheck: check, circuitCheckLoading: false });
    } catch (error) {
      if (get().selectedCircuitId === circuitId) set({ circuitCheckError: toErrorView(error), circuitCheckLoading: false });
    }
  },

  async openPackage(path) {
    set({ circuitsError: null });
    try {
      const opened = await zkdesk.circuits.openPackage(path === undefined ? {} : { path });
      if (!opened) return;
      await get().loadCircuits();
      await get().selectCircuit(opened.id);
    } catch (error) {
      set({ circuitsError: toErrorView(error) });
    }
  },

  async loadSampleInput() {
    const circuitId = get().selectedCircuitId;
    if (!circuitId) return;
    try {
      const sample = await zkdesk.circuits.sampleInput({ circuitId });
      set({ inputText: JSON.stringify(sample, null, 2), proveError: null });
    } catch (error) {
      set({ proveError: toErrorView(error) });
    }
  },

  setInputText(text) {
    set({ inputText: text });
  },

  async submitProof() {
    const circuitId = get().selectedCircuitId;
    if (!circuitId) return;
    let input: unknown;
    try {
      input = JSON.parse(get().inputText);
    } catch {
      set({ proveError: localError('E_INPUT_MALFORMED') });
      return;
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      set({ proveError: localError('E_INPUT_MALFORMED', 'The input must be a JSON object: signal names and their values.') });
      return;
    }
    set({ proveError: null, proofResult: null, currentJob: null, submitting: true });
    try {
      const { jobId } = await zkdesk.prover.submit({ circuitId, input: input as Record<string, unknown> });
      set({ submitting: false });
      // Events may already have arrived for this job; otherwise show it queued until they do.
      const known = get().currentJob;
      if (known?.jobId !== jobId) {
        const circuit = get().circuits.find((c) => c.id === circuitId);
        set({
          currentJob: {
            jobId,
            circuitId,
            title: circuit?.title ?? circuitId,
            state: 'queued',
            priority: 0,
            stage: null,
            progress: 0,
            expectedPeakBytes: 0,
            workerPid: null,
            submittedAt: new Date().toISOString(),
            error: null,
            historyError: null,
          },
        });
      }
    } catch (error) {
      set({ proveError: toErrorView(error), submitting: false });
    }
  },

  async cancelProof() {
    const job = get().currentJob;
    if (!job || isFinished(job)) return;
    try {
      await zkdesk.prover.cancel({ jobId: job.jobId });
    } catch (error) {
      set({ proveError: toErrorView(error) });
    }
  },

  receiveJobSnapshot(snapshot) {
    const current = get().currentJob;
    // Only the job this view started; a snapshot older than the one shown is ignored.
    if (current && current.jobId !== snapshot.jobId) return;
    if (!current && !(get().submitting && get().selectedCircuitId === snapshot.circuitId)) return;
    if (current && isFinished(current)) return;
    set({ currentJob: snapshot });
    if (snapshot.state === 'verified') {
      void zkdesk.prover.result({ jobId: snapshot.jobId }).then(
        (proofResult) => set({ proofResult }),
        (error: unknown) => set({ proveError: toErrorView(error) }),
      );
    }
    if (snapshot.state === 'failed' && snapshot.error) set({ proveError: { code: snapshot.error.code, message: snapshot.error.message, helpId: snapshot.error.helpId } });
    if (isFinished(snapshot)) void get().loadHistory();
  },

  async refreshCurrentJob() {
    const job = get().currentJob;
    if (!job || isFinished(job)) return;
    try {
      const latest = (await zkdesk.prover.jobs()).find((j) => j.jobId === job.jobId);
      if (latest) get().receiveJobSnapshot(latest);
    } catch {
      // The next event or the next poll will tell; a failed poll is not worth a banner.
    }
  },

  async loadHistory() {
    try {
      set({ history: await zkdesk.prover.history({ limit: 500 }), historyError: null });
    } catch (error) {
      set({ historyError: toErrorView(error) });
    }
  },
});
