// Benchmarks: the machine's calibration and, per circuit proved here, what the estimator
// predicts next to what the job history measured.
import { zkdesk } from '../../api/zkdesk.js';
import type { Calibration } from '../../../../common/profiler/calibrationTypes.js';
import type { BenchmarkHistory } from '../../../../preload/contract.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface CircuitPrediction {
  circuitId: string;
  title: string;
  /** null when the estimator had nothing to go on. */
  predictedMs: number | null;
  predictedPeakBytes: number | null;
}

export interface BenchmarksSlice {
  /** undefined: not asked yet; null: never measured on this machine. */
  calibration: Calibration | null | undefined;
  calibrationRunning: boolean;
  calibrationError: ErrorView | null;
  predictions: CircuitPrediction[];
  predictionsError: ErrorView | null;
  /** Past calibrations and `npm run bench` results; null until read. */
  benchmarkHistory: BenchmarkHistory | null;
  benchmarkHistoryError: ErrorView | null;
  loadCalibration(): Promise<void>;
  loadBenchmarkHistory(): Promise<void>;
  runCalibration(): Promise<void>;
  /** Estimates for every built circuit (the history itself lives in the prover slice). */
  loadPredictions(): Promise<void>;
}

export const createBenchmarksSlice: SliceCreator<BenchmarksSlice> = (set, get) => ({
  calibration: undefined,
  calibrationRunning: false,
  calibrationError: null,
  predictions: [],
  predictionsError: null,
  benchmarkHistory: null,
  benchmarkHistoryError: null,

  async loadCalibration() {
    try {
      set({ calibration: await zkdesk.calibration.get(), calibrationError: null });
    } catch (error) {
      set({ calibrationError: toErrorView(error) });
    }
  },

  async runCalibration() {
    set({ calibrationRunning: true, calibrationError: null });
    try {
      set({ calibration: await zkdesk.calibration.run(), calibrationRunning: false });
      await Promise.all([get().loadPredictions(), get().loadBenchmarkHistory()]);
    } catch (error) {
      set({ calibrationError: toErrorView(error), calibrationRunning: false });
    }
  },

  async loadBenchmarkHistory() {
    try {
      set({ benchmarkHistory: await zkdesk.calibration.history({ limit: 50 }), benchmarkHistoryError: null });
    } catch (error) {
      set({ benchmarkHistoryError: toErrorView(error) });
    }
  },

  async loadPredictions() {
    try {
      const circuits = (await zkdesk.circuits.list()).filter((c) => c.built);
      const predictions: CircuitPrediction[] = [];
      // One at a time: each check reads the circuit's key header, and the machine has few cores.
      for (const circuit of circuits) {
        const check = await zkdesk.advisor.circuit({ circuitId: circuit.id });
        predictions.push({
          circuitId: circuit.id,
          title: circuit.title,
          // The estimator answers 0 ms when it has nothing to go on (no calibration, no history).
          predictedMs: check.estimate && check.estimate.totalMs > 0 ? check.estimate.totalMs : null,
          predictedPeakBytes: check.estimate?.peakMemoryBytes ?? null,
        });
      }
      set({ predictions, predictionsError: null });
    } catch (error) {
      set({ predictionsError: toErrorView(error) });
    }
  },
});
