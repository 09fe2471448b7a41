// Benchmarks: the calibration, predicted against measured, and the proofs over time.
import { CalibrationPanel } from './CalibrationPanel.js';
import { PredictedVsMeasured } from './PredictedVsMeasured.js';
import './benchmarks.css';

export function BenchmarksView() {
  return (
    <div className="view benchmarks">
      <h1>Benchmarks</h1>
      <CalibrationPanel />
      <PredictedVsMeasured />
    </div>
  );
}
