// The update state the UI renders, as one discriminated union, and the only way it changes:
// nextUpdateState(state, event). Pure, so every transition is unit-tested without an updater.
// An event that makes no sense in the current state (progress while idle, a second check
// while downloading) leaves the state as it is rather than inventing one.
import type { ErrorCode } from '../errors.js';
import type { UpdateChannel } from './updateChannel.js';

/** Where this install stands in a staged rollout: position and threshold, both 0–100. */
export interface RolloutStanding {
  positionPercent: number;
  stagingPercentage: number | null;
  inRollout: boolean;
}

export type NotAvailableReason =
  /** The channel's newest release is the one installed. */
  | 'up-to-date'
  /** The channel offers an older build (after a beta → stable switch); installing it needs a choice. */
  | 'older-on-channel'
  /** A newer release exists but this install's turn in the staged rollout has not come. */
  | 'staged-out'
  /** The release team halted the channel's newest release (0 %): no install is offered it, "get it now" included. */
  | 'halted'
  /** A signed kill switch has turned automatic updates off for this install. */
  | 'auto-update-disabled';

/** What a check found when there is a release to offer: the same in the event and the state it leads to. */
export interface ReleaseFound {
  channel: UpdateChannel;
  version: string;
  releaseDate: string | null;
  releaseNotes: string | null;
  isDowngrade: boolean;
  rollout: RolloutStanding | null;
}

/** What a check found when there is nothing to offer, and why. */
export interface NoRelease {
  channel: UpdateChannel;
  currentVersion: string;
  latestVersion: string | null;
  reason: NotAvailableReason;
  rollout: RolloutStanding | null;
}

export type UpdateState =
  | { kind: 'idle' }
  | { kind: 'checking'; channel: UpdateChannel; manual: boolean }
  | ({ kind: 'available' } & ReleaseFound)
  | {
      kind: 'downloading';
      version: string;
      percent: number;
      bytesPerSecond: number;
      transferred: number;
      total: number;
    }
  | { kind: 'downloaded'; version: string }
  | ({ kind: 'not-available' } & NoRelease)
  | { kind: 'error'; code: ErrorCode; message: string };

export type UpdateEvent =
  | { type: 'check-started'; channel: UpdateChannel; manual: boolean }
  | ({ type: 'found' } & ReleaseFound)
  | ({ type: 'not-found' } & NoRelease)
  | { type: 'progress'; percent: number; bytesPerSecond: number; transferred: number; total: number }
  | { type: 'downloaded'; version: string }
  | { type: 'failed'; code: ErrorCode; message: string }
  | { type: 'reset' };

export const initialUpdateState: UpdateState = { kind: 'idle' };

/** A check may start unless one is running, a download is under way, or one is ready to install. */
export function canCheck(state: UpdateState): boolean {
  return state.kind === 'idle' || state.kind === 'not-available' || state.kind === 'error' || state.kind === 'available';
}

export function nextUpdateState(state: UpdateState, event: UpdateEvent): UpdateState {
  switch (event.type) {
    case 'check-started':
      return canCheck(state) ? { kind: 'checking', channel: event.channel, manual: event.manual } : state;
    case 'found':
      if (state.kind !== 'checking') return state;
      return {
        kind: 'available',
        channel: event.channel,
        version: event.version,
        releaseDate: event.releaseDate,
        releaseNotes: event.releaseNotes,
        isDowngrade: event.isDowngrade,
        rollout: event.rollout,
      };
    case 'not-found':
      if (state.kind !== 'checking') return state;
      return {
        kind: 'not-available',
        channel: event.channel,
        currentVersion: event.currentVersion,
        latestVersion: event.latestVersion,
        reason: event.reason,
        rollout: event.rollout,
      };
    case 'progress': {
      if (state.kind !== 'available' && state.kind !== 'downloading') return state;
      const percent = Math.min(100, Math.max(0, event.percent));
      return {
        kind: 'downloading',
        version: state.version,
        percent,
        bytesPerSecond: Math.max(0, event.bytesPerSecond),
        transferred: event.transferred,
        total: event.total,
      };
    }
    case 'downloaded':
      if (state.kind !== 'available' && state.kind !== 'downloading') return state;
      return { kind: 'downloaded', version: event.version };
    case 'failed':
      return { kind: 'error', code: event.code, message: event.message };
    case 'reset':
      return initialUpdateState;
  }
}
