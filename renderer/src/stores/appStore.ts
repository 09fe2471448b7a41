// The one store: small slices, each beside the feature that owns it. Components select single
// values (`useAppStore((s) => s.profile)`) so a change elsewhere does not re-render them.
import { create } from 'zustand';
import type { AppState } from './storeTypes.js';
import { createShellSlice } from '../app/shellSlice.js';
import { createProfileSlice } from '../features/overview/profileSlice.js';
import { createProverSlice } from '../features/prove/proverSlice.js';
import { createCircuitBuildSlice } from '../features/prove/circuitBuildSlice.js';
import { createBenchmarksSlice } from '../features/benchmarks/benchmarksSlice.js';
import { createHelpSlice } from '../features/help/helpSlice.js';
import { createDiagnosticsSlice } from '../features/diagnostics/diagnosticsSlice.js';
import { createUpdatesSlice } from '../features/settings/updatesSlice.js';
import { createSettingsSlice } from '../features/settings/settingsSlice.js';
import { createHealthSlice } from '../features/health/healthSlice.js';

export const useAppStore = create<AppState>()((...a) => ({
  ...createShellSlice(...a),
  ...createProfileSlice(...a),
  ...createProverSlice(...a),
  ...createCircuitBuildSlice(...a),
  ...createBenchmarksSlice(...a),
  ...createHelpSlice(...a),
  ...createDiagnosticsSlice(...a),
  ...createUpdatesSlice(...a),
  ...createSettingsSlice(...a),
  ...createHealthSlice(...a),
}));
