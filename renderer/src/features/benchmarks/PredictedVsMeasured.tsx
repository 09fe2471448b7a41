// Predicted (the estimator, as the Prove view shows it) against measured (p50 and p95 of the
// user's own proofs in the job history, over the same stages: witness, proof, verification) for
// every circuit, as bars and a table with the error; then every verified proof over time.
import { useCallback, useEffect } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { ChartCanvas } from './ChartCanvas.js';
import { chartColours } from './chartSetup.js';
import { measuredTimes, predictionErrorPercent, stageMs } from './measuredTimes.js';
import { userProofs } from '../../../../common/prover/userProofs.js';
import { formatDuration } from '../../format/formatDuration.js';
import type { CircuitPrediction } from './benchmarksSlice.js';
import type { JobRecord } from '../../../../common/prover/proverTypes.js';

interface Row extends CircuitPrediction {
  measuredMs: number | null;
  p95Ms: number | null;
  runs: number;
  errorPercent: number | null;
}

function rowsFrom(predictions: CircuitPrediction[], history: JobRecord[]): Row[] {
  return predictions.map((p) => {
    const measured = measuredTimes(history, p.circuitId);
    return { ...p, measuredMs: measured.p50, p95Ms: measured.p95, runs: measured.runs, errorPercent: predictionErrorPercent(p.predictedMs, measured.p50) };
  });
}

function comparisonChart(rows: Row[]): ChartConfiguration {
  const colours = chartColours();
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.title),
      datasets: [
        { label: 'Predicted', data: rows.map((r) => seconds(r.predictedMs)), backgroundColor: colours.series[0] },
        { label: 'Measured p50 (witness + proof + verification)', data: rows.map((r) => seconds(r.measuredMs)), backgroundColor: colours.series[1] },
        { label: 'Measured p95', data: rows.map((r) => seconds(r.p95Ms)), backgroundColor: colours.series[2] },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      color: colours.text,
      scales: {
        x: { ticks: { color: colours.text }, grid: { color: colours.grid } },
        y: { title: { display: true, text: 'seconds', color: colours.text }, ticks: { color: colours.text }, grid: { color: colours.grid } },
      },
    },
  };
}

function errorText(percent: number | null): string {
  if (percent === null) return '—';
  const rounded = Math.round(percent);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded)} %`;
}

function historyChart(history: JobRecord[], titleOf: (id: string) => string): ChartConfiguration {
  const colours = chartColours();
  const verified = userProofs(history).sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  const circuitIds = [...new Set(verified.map((r) => r.circuitId))];
  return {
    type: 'scatter',
    data: {
      datasets: circuitIds.map((id, i) => ({
        label: titleOf(id),
        data: verified.flatMap((r, run) => (r.circuitId === id ? [{ x: run + 1, y: stageMs(r) / 1000 }] : [])),
        backgroundColor: colours.series[i % colours.series.length],
        borderColor: colours.series[i % colours.series.length],
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      color: colours.text,
      scales: {
        x: { title: { display: true, text: 'proof number (oldest first)', color: colours.text }, ticks: { color: colours.text, precision: 0 }, grid: { color: colours.grid } },
        y: { title: { display: true, text: 'seconds', color: colours.text }, ticks: { color: colours.text }, grid: { color: colours.grid } },
      },
    },
  };
}

export function PredictedVsMeasured() {
  const predictions = useAppStore((s) => s.predictions);
  const predictionsError = useAppStore((s) => s.predictionsError);
  const history = useAppStore((s) => s.history);
  const loadPredictions = useAppStore((s) => s.loadPredictions);
  const loadHistory = useAppStore((s) => s.loadHistory);

  useEffect(() => {
    void loadHistory();
    void loadPredictions();
  }, [loadHistory, loadPredictions]);

  const rows = rowsFrom(predictions, history);
  const comparison = useCallback(() => comparisonChart(rowsFrom(predictions, history)), [predictions, history]);
  const circuits = useAppStore((s) => s.circuits);
  const runs = useCallback(
    () => historyChart(history, (id) => predictions.find((p) => p.circuitId === id)?.title ?? circuits.find((c) => c.id === id)?.title ?? id),
    [history, predictions, circuits],
  );
  const anyVerified = userProofs(history).length > 0;

  return (
    <>
      <section aria-labelledby="predicted-title">
        <h2 id="predicted-title">Predicted versus measured</h2>
        <ErrorNotice error={predictionsError} />
        {rows.length === 0 ? (
          <p role="status">Reading the estimates…</p>
        ) : (
          <>
            {rows.some((r) => r.predictedMs !== null || r.measuredMs !== null) && (
              <ChartCanvas config={comparison} label="Predicted and measured proof time for each circuit, in seconds" />
            )}
            <p className="hint">
              Measured is the witness, proof and verification of each of your verified proofs: the stages the estimate predicts (waiting for a worker is left out).
              p50 is the typical proof, p95 the slow end: one proof in twenty took longer. Calibration's own proofs are not counted. Error is how far the prediction
              was from p50: − predicted too short, + too long.
            </p>
            <table>
              <caption>Total proof time per circuit</caption>
              <thead>
                <tr>
                  <th scope="col">Circuit</th>
                  <th scope="col">Predicted</th>
                  <th scope="col">Measured p50</th>
                  <th scope="col">Measured p95</th>
                  <th scope="col">Error</th>
                  <th scope="col">Proofs measured</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.circuitId}>
                    <td>{r.title}</td>
                    <td>{r.predictedMs === null ? 'no estimate' : formatDuration(r.predictedMs)}</td>
                    <td>{r.measuredMs === null ? 'not proved yet' : formatDuration(r.measuredMs)}</td>
                    <td>{r.p95Ms === null ? '—' : formatDuration(r.p95Ms)}</td>
                    <td>{errorText(r.errorPercent)}</td>
                    <td>{r.runs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">Every verified proof</h2>
        {anyVerified ? (
          <ChartCanvas config={runs} label="Witness, proof and verification time of every one of your verified proofs on this machine, oldest first, by circuit" />
        ) : (
          <p>No verified proofs of yours yet: prove a circuit in the Prove view and it appears here.</p>
        )}
      </section>
    </>
  );
}
