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
