// Predicted (the estimator, as the Prove view shows it) against measured (the job history's
// median of the same stages: witness, proof, verification) for every circuit, as bars and a
// table with the error; then every verified proof over time.
import { useCallback, useEffect } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { ChartCanvas } from './ChartCanvas.js';
import { chartColours } from './chartSetup.js';
import { measuredMedianMs, predictionErrorPercent, stageMs } from './measuredTimes.js';
import { formatDuration } from '../../format/formatDuration.js';
import type { CircuitPrediction } from './benchmarksSlice.js';
import type { JobRecord } from '../../../../common/prover/proverTypes.js';

interface Row extends CircuitPrediction {
  measuredMs: number | null;
  runs: number;
  errorPercent: number | null;
}

function rowsFrom(predictions: CircuitPrediction[], history: JobRecord[]): Row[] {
  return predictions.map((p) => {
    const measured = measuredMedianMs(history, p.circuitId);
    return { ...p, measuredMs: measured.ms, runs: measured.runs, errorPercent: predictionErrorPercent(p.predictedMs, measured.ms) };
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
        { label: 'Measured (median of witness + proof + verification)', data: rows.map((r) => seconds(r.measuredMs)), backgroundColor: colours.series[1] },
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
  const verified = history.filter((r) => r.outcome === 'verified').sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
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
  const anyVerified = history.some((r) => r.outcome === 'verified');

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
              Measured is the witness, proof and verification of each verified proof: the stages the estimate predicts (waiting for a worker is left out). Error is how far
              the prediction was from it: − predicted too short, + too long.
            </p>
            <table>
              <caption>Total proof time per circuit</caption>
              <thead>
                <tr>
                  <th scope="col">Circuit</th>
                  <th scope="col">Predicted</th>
                  <th scope="col">Measured (median)</th>
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
          <ChartCanvas config={runs} label="Witness, proof and verification time of every verified proof on this machine, oldest first, by circuit" />
        ) : (
          <p>No verified proofs yet: prove a circuit in the Prove view and it appears here.</p>
        )}
      </section>
    </>
  );
}
