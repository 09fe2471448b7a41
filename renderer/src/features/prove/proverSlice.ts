// Proving: the circuits, the one chosen and what the advisor says about it, the input, the
// running job (kept current by `prover.job` events), its result, and the history.
import { zkdesk } from '../../api/zkdesk.js';
import type { CircuitCheck, CircuitSummary } from '../../../../preload/contract.js';
import type { JobRecord, JobSnapshot, ProofResult } from '../../../../common/prover/proverTypes.js';
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
  /** Prove was pressed on a proof predicted to take longer than the setting allows: it waits for a yes. */
  longProofQuestion: LongProofQuestion | null;
  history: JobRecord[];
  historyError: ErrorView | null;
  loadCircuits(): Promise<void>;
  selectCircuit(circuitId: string): Promise<void>;
  openPackage(path?: string): Promise<void>;
  loadSampleInput(): Promise<void>;
  setInputText(text: string): void;
  /** A JSON file the user chose, read in the page: shown in the input box, its problem said at once. */
  loadInputFile(fileName: string, text: string): void;
  /** Starts the proof, or first asks when its estimate is over `predictedTimeWarnSec`. */
  submitProof(): Promise<void>;
  confirmLongProof(): Promise<void>;
  declineLongProof(): void;
  cancelProof(): Promise<void>;
  receiveJobSnapshot(snapshot: JobSnapshot): void;
  /** Asks for the current job's state, in case an event was missed while the socket reconnected. */
  refreshCurrentJob(): Promise<void>;
  loadHistory(): Promise<void>;
}

export interface LongProofQuestion {
  circuitId: string;
  predictedMs: number;
  limitSec: number;
}

/** The question to ask before this proof, or null when its estimate is within the limit (or unknown). */
export function longProofQuestion(check: CircuitCheck | null, limitSec: number | undefined): LongProofQuestion | null {
  const predictedMs = check?.estimate?.totalMs ?? 0;
  if (!check || limitSec === undefined || predictedMs <= limitSec * 1000) return null;
  return { circuitId: check.circuit.id, predictedMs, limitSec };
}

/** The input as the prover wants it, or the error to show (said for a typed or a loaded input alike). */
function parsedInput(text: string): { input: Record<string, unknown> } | { error: ErrorView } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const where = error instanceof SyntaxError ? ` (${error.message})` : '';
    return { error: localError('E_INPUT_MALFORMED', `The input is not valid JSON${where}. Check the text in the input box, or the file you loaded into it.`) };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { error: localError('E_INPUT_MALFORMED', 'The input must be a JSON object: signal names and their values.') };
  }
  return { input: input as Record<string, unknown> };
}

export function isFinished(job: JobSnapshot | null): boolean {
  return job !== null && (job.state === 'verified' || job.state === 'failed' || job.state === 'cancelled');
}

export const createProverSlice: SliceCreator<ProverSlice> = (set, get) => {
  const startProof = async (circuitId: string, input: Record<string, unknown>): Promise<void> => {
    set({ proveError: null, proofResult: null, currentJob: null, submitting: true });
    try {
      const { jobId } = await zkdesk.prover.submit({ circuitId, input });
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
  };

  return {
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
    longProofQuestion: null,
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
      set({ selectedCircuitId: circuitId, circuitCheck: null, circuitCheckError: null, circuitCheckLoading: true, inputText: '', longProofQuestion: null });
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
      set({ inputText: text, longProofQuestion: null });
    },

    loadInputFile(fileName, text) {
      const parsed = parsedInput(text);
      set({
        inputText: 'error' in parsed ? text : JSON.stringify(parsed.input, null, 2),
        longProofQuestion: null,
        proveError: 'error' in parsed ? { ...parsed.error, message: `${fileName}: ${parsed.error.message}` } : null,
      });
    },

    async submitProof() {
      const circuitId = get().selectedCircuitId;
      if (!circuitId) return;
      const parsed = parsedInput(get().inputText);
      if ('error' in parsed) {
        set({ proveError: parsed.error, longProofQuestion: null });
        return;
      }
      const question = longProofQuestion(get().circuitCheck, get().settings?.predictedTimeWarnSec);
      if (question) {
        set({ longProofQuestion: question, proveError: null });
        return;
      }
      await startProof(circuitId, parsed.input);
    },

    async confirmLongProof() {
      const question = get().longProofQuestion;
      set({ longProofQuestion: null });
      if (!question || question.circuitId !== get().selectedCircuitId) return;
      const parsed = parsedInput(get().inputText);
      if ('error' in parsed) set({ proveError: parsed.error });
      else await startProof(question.circuitId, parsed.input);
    },

    declineLongProof() {
      set({ longProofQuestion: null });
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
  };
};
