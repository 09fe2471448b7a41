// The shell's state: which view is shown and what the host told us about itself.
import { zkdesk } from '../api/zkdesk.js';
import type { AppInfo, View } from '../../../preload/contract.js';
import type { SliceCreator } from '../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../stores/errorView.js';
import { writeRoute, type Route } from './route.js';

export interface ShellSlice {
  view: View;
  info: AppInfo | null;
  infoError: ErrorView | null;
  navigate(view: View): void;
  /** Applies a route read from the URL (start-up, back button). */
  applyRoute(route: Route): void;
  loadInfo(): Promise<void>;
}

export const createShellSlice: SliceCreator<ShellSlice> = (set, get) => ({
  view: 'overview',
  info: null,
  infoError: null,
  navigate(view) {
    set({ view });
    writeRoute({ view, helpId: view === 'help' ? get().openArticleId : null });
  },
  applyRoute(route) {
    set(route.view === 'help' ? { view: route.view, openArticleId: route.helpId } : { view: route.view });
  },
  async loadInfo() {
    try {
      set({ info: await zkdesk.app.info(), infoError: null });
    } catch (error) {
      set({ infoError: toErrorView(error) });
    }
  },
});
