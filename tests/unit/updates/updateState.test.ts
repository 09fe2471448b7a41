import { describe, expect, it } from 'vitest';
import { initialUpdateState, nextUpdateState, type UpdateEvent, type UpdateState } from '../../../common/updates/updateState.js';

const found: UpdateEvent = { type: 'found', channel: 'beta', version: '1.3.0-beta.1', releaseDate: null, releaseNotes: null, isDowngrade: false, rollout: null };
const run = (events: UpdateEvent[], from: UpdateState = initialUpdateState) => events.reduce(nextUpdateState, from);

describe('update state machine', () => {
  it('goes idle → checking → available → downloading → downloaded', () => {
    const states: string[] = [];
    let s = initialUpdateState;
    for (const e of [
      { type: 'check-started', channel: 'beta', manual: true },
      found,
      { type: 'progress', percent: 40, bytesPerSecond: 1000, transferred: 40, total: 100 },
      { type: 'downloaded', version: '1.3.0-beta.1' },
    ] as UpdateEvent[]) {
      s = nextUpdateState(s, e);
      states.push(s.kind);
    }
    expect(states).toEqual(['checking', 'available', 'downloading', 'downloaded']);
  });

  it('keeps the version and clamps progress while downloading', () => {
    const s = run([{ type: 'check-started', channel: 'beta', manual: false }, found, { type: 'progress', percent: 140, bytesPerSecond: -5, transferred: 1, total: 1 }]);
    expect(s).toEqual({ kind: 'downloading', version: '1.3.0-beta.1', percent: 100, bytesPerSecond: 0, transferred: 1, total: 1 });
  });

  it('ignores events that make no sense in the current state', () => {
    expect(run([{ type: 'progress', percent: 5, bytesPerSecond: 1, transferred: 1, total: 2 }])).toEqual(initialUpdateState);
    expect(run([found])).toEqual(initialUpdateState);
    const downloading = run([{ type: 'check-started', channel: 'stable', manual: true }, found, { type: 'progress', percent: 5, bytesPerSecond: 1, transferred: 1, total: 2 }]);
    expect(nextUpdateState(downloading, { type: 'check-started', channel: 'stable', manual: true })).toBe(downloading);
    const downloaded = nextUpdateState(downloading, { type: 'downloaded', version: '1.3.0-beta.1' });
    expect(nextUpdateState(downloaded, { type: 'check-started', channel: 'stable', manual: true })).toBe(downloaded);
  });

  it('reports not-available with its reason, and errors with their code from any state', () => {
    const s = run([
      { type: 'check-started', channel: 'stable', manual: true },
      { type: 'not-found', channel: 'stable', currentVersion: '1.3.0-beta.1', latestVersion: '1.2.0', reason: 'older-on-channel', rollout: null },
    ]);
    expect(s).toMatchObject({ kind: 'not-available', reason: 'older-on-channel', latestVersion: '1.2.0' });
    expect(nextUpdateState(s, { type: 'failed', code: 'E_FEED_INVALID', message: 'bad' })).toEqual({ kind: 'error', code: 'E_FEED_INVALID', message: 'bad' });
    expect(nextUpdateState(s, { type: 'check-started', channel: 'stable', manual: false }).kind).toBe('checking');
    expect(nextUpdateState(s, { type: 'reset' })).toEqual(initialUpdateState);
  });
});
