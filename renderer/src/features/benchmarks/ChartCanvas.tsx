// One chart.js chart on a canvas, rebuilt when its data or the theme changes and destroyed on
// unmount. The canvas is an image to assistive technology; each chart has a table beside it.
import { useEffect, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { Chart } from './chartSetup.js';
import { useAppStore } from '../../stores/appStore.js';

export function ChartCanvas({ config, label }: { config: () => ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useAppStore((s) => s.settings?.theme ?? 'system');

  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config());
    return () => chart.destroy();
  }, [config, theme]);

  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
