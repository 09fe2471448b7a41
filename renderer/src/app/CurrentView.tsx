// Picks the component for a view.
import type { View } from '../../../preload/contract.js';
import { OverviewView } from '../features/overview/OverviewView.js';
import { ProveView } from '../features/prove/ProveView.js';
import { BenchmarksView } from '../features/benchmarks/BenchmarksView.js';
import { HelpView } from '../features/help/HelpView.js';
import { DiagnosticsView } from '../features/diagnostics/DiagnosticsView.js';
import { SettingsView } from '../features/settings/SettingsView.js';

export function CurrentView({ view }: { view: View }) {
  switch (view) {
    case 'overview':
      return <OverviewView />;
    case 'prove':
      return <ProveView />;
    case 'benchmarks':
      return <BenchmarksView />;
    case 'help':
      return <HelpView />;
    case 'diagnostics':
      return <DiagnosticsView />;
    case 'settings':
      return <SettingsView />;
  }
}
