// Every calibration stored on this machine, as a line per operation over time and a table: a
// machine that got slower (a busier VM, a power plan, thermal limits) shows up here first.
import { useCallback } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { Calibration } from '../../../../common/profiler/calibrationTypes.js';
import { useAppStore } from '../../stores/appStore.js';
import { ChartCanvas } from './ChartCanvas.js';
import { historyLineChart } from './chartSetup.js';
import { formatDate } from '../../format/formatDate.js';
import { formatDuration } from '../../format/formatDuration.js';

type Operation = 'g1Msm' | 'g2Msm' | 'fft';

interface Series {
  label: string;
  value(c: Calibration): number | null;
}

/** The largest size the latest calibration timed for an operation: the one that dominates real proofs. */
function largestPower(calibrations: Calibration[], operation: Operation): number | null {
  const latest = calibrations.at(-1);
  return latest ? Math.max(...latest[operation].map((t) => t.power)) : null;
}

function seriesFor(calibrations: Calibration[]): Series[] {
  const names: Record<Operation, string> = { g1Msm: 'G1 multi-exponentiation', g2Msm: 'G2 multi-exponentiation', fft: 'FFT' };
  const series: Series[] = (['g1Msm', 'g2Msm', 'fft'] as const).flatMap((op) => {
    const power = largestPower(calibrations, op);
    if (power === null) return [];
    return [{ label: `${names[op]} at 2^${power}`, value: (c: Calibration) => c[op].find((t) => t.power === power)?.ms ?? null }];
  });
  series.push({ label: 'Reference proof', value: (c) => c.reference?.proveMs ?? null });
  return series;
}

function historyChart(calibrations: Calibration[]): ChartConfiguration {
  return historyLineChart({
    labels: calibrations.map((c) => formatDate(c.measuredAt)),
    series: seriesFor(calibrations).map((s) => ({ label: s.label, data: calibrations.map((c) => s.value(c)) })),
    xTitle: 'calibrated on',
    yTitle: 'milliseconds',
    logarithmic: true,
  });
}

export function CalibrationHistoryPanel() {
  const history = useAppStore((s) => s.benchmarkHistory);
  const calibrations = history?.calibrations ?? [];
  const config = useCallback(() => historyChart(calibrations), [calibrations]);
  if (!history) return null;
  const series = seriesFor(calibrations);
  return (
    <section aria-labelledby="calibration-history-title">
      <h2 id="calibration-history-title">Calibration history</h2>
      {calibrations.length === 0 ? (
        <p>No calibrations yet: each one you run is kept here, so a change in this machine's speed shows.</p>
      ) : (
        <>
          {calibrations.length > 1 ? (
            <ChartCanvas config={config} label="Calibration history: time of the largest size of each proving operation, and of the reference proof, at each calibration" />
          ) : (
            <p className="hint">One calibration so far: the chart appears from the second.</p>
          )}
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Calibration history table">
            <table>
              <caption>Calibrations ({calibrations.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Calibrated on</th>
                  <th scope="col">Threads</th>
                  {series.map((s) => (
                    <th scope="col" key={s.label}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...calibrations].reverse().map((c) => (
                  <tr key={c.measuredAt}>
                    <td>{formatDate(c.measuredAt)}</td>
                    <td>{c.threads}</td>
                    {series.map((s) => {
                      const ms = s.value(c);
                      return <td key={s.label}>{ms === null ? '—' : formatDuration(ms)}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
