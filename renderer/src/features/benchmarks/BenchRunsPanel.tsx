// The benchmark runs saved in this data directory (`npm run bench`: zkdesk against plain snarkjs
// on the same circuits), as zkdesk's warm proof time per circuit over the runs, and a table of
// every contestant with the ratios the README reports.
import { useCallback } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { BenchRun } from '../../../../common/profiler/benchRunTypes.js';
import { useAppStore } from '../../stores/appStore.js';
import { ChartCanvas } from './ChartCanvas.js';
import { historyLineChart } from './chartSetup.js';
import { formatDate } from '../../format/formatDate.js';
import { formatDuration } from '../../format/formatDuration.js';

function circuitsOf(runs: BenchRun[]): string[] {
  return [...new Set(runs.flatMap((r) => r.results.map((x) => x.circuit)))].sort();
}

function runsChart(runs: BenchRun[]): ChartConfiguration {
  return historyLineChart({
    labels: runs.map((r) => formatDate(r.createdAt)),
    series: circuitsOf(runs).map((circuit) => ({
      label: `${circuit}: zkdesk, warm worker`,
      data: runs.map((r) => {
        const result = r.results.find((x) => x.circuit === circuit);
        return result ? result.summary.c_zkdeskWarm.medianMs / 1000 : null;
      }),
    })),
    xTitle: 'benchmark run',
    yTitle: 'seconds (median)',
  });
}

export function BenchRunsPanel() {
  const history = useAppStore((s) => s.benchmarkHistory);
  const runs = history?.benchRuns ?? [];
  const config = useCallback(() => runsChart(runs), [runs]);
  if (!history) return null;
  return (
    <section aria-labelledby="bench-runs-title">
      <h2 id="bench-runs-title">Benchmark runs</h2>
      {runs.length === 0 ? (
        <p>
          No benchmark runs in this data directory yet. They are made by <code>npm run bench</code> in a zkdesk source checkout, which compares zkdesk with plain snarkjs on the same
          circuits and saves its results in the data directory's <code>bench</code> folder.
        </p>
      ) : (
        <>
          <ChartCanvas config={config} label="Benchmark runs: zkdesk's median proof time with a warm worker, per circuit, over the runs, in seconds" />
          <p className="hint">
            a: snarkjs command line (cold) · b: snarkjs in one process (warm) · c: zkdesk with a warm worker, verifying every proof · d: the zkdesk command line (cold).
            Times are medians; c p95 is the slow end of c (one round in twenty slower). d/a compares the two command lines, cold against cold.
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Benchmark runs table">
            <table>
              <caption>Benchmark results ({runs.length} runs)</caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Circuit</th>
                  <th scope="col">Rounds</th>
                  <th scope="col">a</th>
                  <th scope="col">b</th>
                  <th scope="col">c</th>
                  <th scope="col">d</th>
                  <th scope="col">c/b</th>
                  <th scope="col">a/c</th>
                  <th scope="col">d/a</th>
                  <th scope="col">c p95</th>
                </tr>
              </thead>
              <tbody>
                {[...runs].reverse().flatMap((run) =>
                  run.results.map((r) => (
                    <tr key={`${run.file}-${r.circuit}`}>
                      <td>{formatDate(run.createdAt)}</td>
                      <td>{r.circuit}</td>
                      <td>{r.rounds}</td>
                      <td>{formatDuration(r.summary.a_snarkjsCold.medianMs)}</td>
                      <td>{formatDuration(r.summary.b_snarkjsWarm.medianMs)}</td>
                      <td>{formatDuration(r.summary.c_zkdeskWarm.medianMs)}</td>
                      <td>{formatDuration(r.summary.d_zkdeskCold.medianMs)}</td>
                      <td>{r.ratios.cOverB.toFixed(2)}</td>
                      <td>{r.ratios.aOverC.toFixed(2)}</td>
                      <td>{r.ratios.dOverA === undefined ? '—' : r.ratios.dOverA.toFixed(2)}</td>
                      <td>{r.summary.c_zkdeskWarm.timeMs ? formatDuration(r.summary.c_zkdeskWarm.timeMs.p95) : '—'}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
      {history.skipped > 0 && <p className="hint">{history.skipped} file(s) or line(s) in the data directory could not be read as a calibration or a benchmark result and were left out.</p>}
    </section>
  );
}
