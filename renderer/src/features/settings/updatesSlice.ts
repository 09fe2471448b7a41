// Updates: the update state as the host reports it (a discriminated union, kept current by the
// `updates.state` event) and the few things a user can do about it.
import { zkdesk } from '../../api/zkdesk.js';
import type { UpdateState } from '../../../../common/updates/updateState.js';
import type { UpdateChannel } from '../../../../common/updates/updateChannel.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface UpdatesSlice {
  updateState: UpdateState;
  updateError: ErrorView | null;
  /** The user chose to stay on the installed version rather than take an older one. */
  downgradeDeclined: boolean;
  loadUpdateState(): Promise<void>;
  receiveUpdateState(state: UpdateState): void;
  switchChannel(channel: UpdateChannel): Promise<void>;
  /** A manual check; `getItNow` is a beta tester's "Get it now", which skips the wait for a staged rollout (never a halt). */
  checkForUpdates(options?: { getItNow?: boolean }): Promise<void>;
  acceptDowngrade(): Promise<void>;
  declineDowngrade(): void;
  downloadUpdate(): Promise<void>;
  installUpdate(): Promise<void>;
}

export const createUpdatesSlice: SliceCreator<UpdatesSlice> = (set, get) => {
  /** Runs one update action; its answer is the new state. */
  const act = async (action: () => Promise<UpdateState>): Promise<void> => {
    set({ updateError: null });
    try {
      set({ updateState: await action() });
    } catch (error) {
      set({ updateError: toErrorView(error) });
    }
  };
  return {
    updateState: { kind: 'idle' },
    updateError: null,
    downgradeDeclined: false,
    loadUpdateState: () => act(() => zkdesk.updates.state()),
    receiveUpdateState(state) {
      set({ updateState: state });
    },
    async switchChannel(channel) {
      const settings = get().settings;
      // The radio shows the choice at once; the saved settings are re-read below.
      set({ downgradeDeclined: false, ...(settings ? { settings: { ...settings, updateChannel: channel } } : {}) });
      await act(() => zkdesk.updates.switchChannel({ channel }));
      // The channel is a setting too: re-read it so the settings form shows what was saved.
      await get().loadSettings();
    },
    checkForUpdates: (options = {}) => act(() => zkdesk.updates.check(options.getItNow ? { getItNow: true } : {})),
    acceptDowngrade: () => act(() => zkdesk.updates.acceptDowngrade()),
    declineDowngrade() {
      set({ downgradeDeclined: true });
    },
    downloadUpdate: () => act(() => zkdesk.updates.download()),
    async installUpdate() {
      set({ updateError: null });
      try {
        await zkdesk.updates.install();
      } catch (error) {
        set({ updateError: toErrorView(error) });
      }
    },
  };
};
