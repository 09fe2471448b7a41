// Benchmarks: the calibration, its history, predicted against measured, the proofs over time,
// and the saved benchmark runs.
import { useEffect } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { CalibrationPanel } from './CalibrationPanel.js';
import { CalibrationHistoryPanel } from './CalibrationHistoryPanel.js';
import { PredictedVsMeasured } from './PredictedVsMeasured.js';
import { BenchRunsPanel } from './BenchRunsPanel.js';
import './benchmarks.css';

export function BenchmarksView() {
  const loadBenchmarkHistory = useAppStore((s) => s.loadBenchmarkHistory);
  const historyError = useAppStore((s) => s.benchmarkHistoryError);
  useEffect(() => {
    void loadBenchmarkHistory();
  }, [loadBenchmarkHistory]);
  return (
    <div className="view benchmarks">
      <h1>Benchmarks</h1>
      <CalibrationPanel />
      <ErrorNotice error={historyError} />
      <CalibrationHistoryPanel />
      <PredictedVsMeasured />
      <BenchRunsPanel />
    </div>
  );
}
