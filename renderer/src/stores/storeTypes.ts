// The store's full shape, the intersection of its slices (zustand's slices pattern). Each slice
// is written against AppState so its actions may read (never write) the others' state.
import type { StateCreator } from 'zustand';
import type { ShellSlice } from '../app/shellSlice.js';
import type { ProfileSlice } from '../features/overview/profileSlice.js';
import type { ProverSlice } from '../features/prove/proverSlice.js';
import type { CircuitBuildSlice } from '../features/prove/circuitBuildSlice.js';
import type { BenchmarksSlice } from '../features/benchmarks/benchmarksSlice.js';
import type { HelpSlice } from '../features/help/helpSlice.js';
import type { DiagnosticsSlice } from '../features/diagnostics/diagnosticsSlice.js';
import type { UpdatesSlice } from '../features/settings/updatesSlice.js';
import type { SettingsSlice } from '../features/settings/settingsSlice.js';
import type { HealthSlice } from '../features/health/healthSlice.js';

export type AppState = ShellSlice & ProfileSlice & ProverSlice & CircuitBuildSlice & BenchmarksSlice & HelpSlice & DiagnosticsSlice & UpdatesSlice & SettingsSlice & HealthSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
