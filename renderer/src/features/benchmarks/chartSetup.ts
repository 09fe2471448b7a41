// chart.js, registered with only the pieces these charts use (keeps the bundle small and
// tree-shaken), and the colours read from the theme's CSS variables.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import type { ChartConfiguration } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, ScatterController, Tooltip);

export { Chart };

export interface ChartColours {
  text: string;
  grid: string;
  series: [string, string, string, string];
}

export function chartColours(): ChartColours {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string) => css.getPropertyValue(name).trim();
  return {
    text: read('--text'),
    grid: read('--border'),
    series: [read('--series-1'), read('--series-2'), read('--series-3'), read('--series-4')],
  };
}

/** A history chart: one line per series over time, with the theme's colours. */
export function historyLineChart(options: {
  labels: string[];
  series: Array<{ label: string; data: Array<number | null> }>;
  xTitle: string;
  yTitle: string;
  logarithmic?: boolean;
}): ChartConfiguration {
  const colours = chartColours();
  const axis = (text: string) => ({ title: { display: true, text, color: colours.text }, ticks: { color: colours.text }, grid: { color: colours.grid } });
  return {
    type: 'line',
    data: {
      labels: options.labels,
      datasets: options.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        borderColor: colours.series[i % colours.series.length],
        backgroundColor: colours.series[i % colours.series.length],
        spanGaps: true,
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      color: colours.text,
      scales: { x: axis(options.xTitle), y: { ...(options.logarithmic ? { type: 'logarithmic' as const } : {}), ...axis(options.yTitle) } },
    },
  };
}
