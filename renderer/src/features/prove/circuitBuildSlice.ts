// Circuits this install lists but does not ship built: whether each can be built here (and why
// not), and the build's progress, kept current by `circuits.build` events. A finished build
// reloads the circuit list, so the circuit can be chosen at once.
import { zkdesk } from '../../api/zkdesk.js';
import type { CircuitBuildPlan, CircuitBuildState } from '../../../../common/prover/circuitBuild.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface CircuitBuildSlice {
  buildPlans: Record<string, CircuitBuildPlan>;
  circuitBuilds: Record<string, CircuitBuildState>;
  buildError: ErrorView | null;
  loadBuildPlan(circuitId: string): Promise<void>;
  startCircuitBuild(circuitId: string): Promise<void>;
  cancelCircuitBuild(circuitId: string): Promise<void>;
  receiveCircuitBuild(state: CircuitBuildState): void;
}

export const createCircuitBuildSlice: SliceCreator<CircuitBuildSlice> = (set, get) => ({
  buildPlans: {},
  circuitBuilds: {},
  buildError: null,

  async loadBuildPlan(circuitId) {
    try {
      const { plan, current } = await zkdesk.circuits.buildPlan({ circuitId });
      set({ buildPlans: { ...get().buildPlans, [circuitId]: plan } });
      if (current) get().receiveCircuitBuild(current);
    } catch (error) {
      set({ buildError: toErrorView(error) });
    }
  },

  async startCircuitBuild(circuitId) {
    set({ buildError: null });
    try {
      get().receiveCircuitBuild(await zkdesk.circuits.build({ circuitId }));
    } catch (error) {
      set({ buildError: toErrorView(error) });
    }
  },

  async cancelCircuitBuild(circuitId) {
    set({ buildError: null });
    try {
      // The build's own event says it stopped; the answer only says whether one was running.
      await zkdesk.circuits.cancelBuild({ circuitId });
    } catch (error) {
      set({ buildError: toErrorView(error) });
    }
  },

  receiveCircuitBuild(state) {
    const before = get().circuitBuilds[state.circuitId];
    // Events and the start's answer may arrive in either order: a finished build is not undone by an older running snapshot.
    if (before && before.startedAt === state.startedAt && before.state !== 'running' && state.state === 'running') return;
    set({ circuitBuilds: { ...get().circuitBuilds, [state.circuitId]: state } });
    if (state.state === 'built' && before?.state !== 'built') void get().loadCircuits();
  },
});
