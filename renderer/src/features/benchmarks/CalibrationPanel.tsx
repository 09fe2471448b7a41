// The machine's calibration: how long the core proving operations take at each size, as a chart
// and a table, and a button to measure again.
import { useCallback, useEffect } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { Calibration } from '../../../../common/profiler/calibrationTypes.js';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { ChartCanvas } from './ChartCanvas.js';
import { chartColours } from './chartSetup.js';
import { formatDate } from '../../format/formatDate.js';
import { formatDuration } from '../../format/formatDuration.js';

const operations = [
  { key: 'g1Msm', label: 'G1 multi-exponentiation' },
  { key: 'g2Msm', label: 'G2 multi-exponentiation' },
  { key: 'fft', label: 'FFT (inverse + forward)' },
] as const;

function calibrationChart(calibration: Calibration): ChartConfiguration {
  const colours = chartColours();
  return {
    type: 'line',
    data: {
      datasets: operations.map(({ key, label }, i) => ({
        label,
        data: calibration[key].map((t) => ({ x: t.power, y: t.ms })),
        borderColor: colours.series[i],
        backgroundColor: colours.series[i],
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      color: colours.text,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'size (log2 of points)', color: colours.text }, ticks: { color: colours.text, stepSize: 1 }, grid: { color: colours.grid } },
        y: { type: 'logarithmic', title: { display: true, text: 'milliseconds', color: colours.text }, ticks: { color: colours.text }, grid: { color: colours.grid } },
      },
    },
  };
}

export function CalibrationPanel() {
  const calibration = useAppStore((s) => s.calibration);
  const running = useAppStore((s) => s.calibrationRunning);
  const error = useAppStore((s) => s.calibrationError);
  const loadCalibration = useAppStore((s) => s.loadCalibration);
  const runCalibration = useAppStore((s) => s.runCalibration);

  useEffect(() => {
    void loadCalibration();
  }, [loadCalibration]);

  const config = useCallback(() => calibrationChart(calibration as Calibration), [calibration]);

  return (
    <section aria-labelledby="calibration-title">
      <h2 id="calibration-title">Calibration</h2>
      <ErrorNotice error={error} />
      {calibration === null && <p>This machine has not been calibrated yet. Calibration times the core proving operations and one real proof (about ten seconds).</p>}
      {calibration && (
        <>
          <p>
            Measured {formatDate(calibration.measuredAt)} in {formatDuration(calibration.durationMs)} with {calibration.threads} threads; a pairing takes {formatDuration(calibration.pairingMs)}.
          </p>
          <ChartCanvas config={config} label="Calibration: time of each proving operation by size, on a logarithmic scale" />
          <details>
            <summary>Calibration as a table</summary>
            <table>
              <caption>Operation times</caption>
              <thead>
                <tr>
                  <th scope="col">Operation</th>
                  <th scope="col">Size</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {operations.flatMap(({ key, label }) =>
                  calibration[key].map((t) => (
                    <tr key={`${key}-${t.power}`}>
                      <td>{label}</td>
                      <td>2^{t.power}</td>
                      <td>{formatDuration(t.ms)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </details>
        </>
      )}
      <button type="button" onClick={() => void runCalibration()} disabled={running}>
        {running ? 'Calibrating… (about ten seconds)' : calibration ? 'Calibrate again' : 'Calibrate this machine'}
      </button>
    </section>
  );
}
