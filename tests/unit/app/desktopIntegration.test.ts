// The shell's desktop behaviours against the thin recorded Electron stand-in: one instance at a
// time, the window's place remembered (and refused when its screen is gone), progress on the
// taskbar/dock icon, and a notification only for a long proof finished in the background.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobRecord, JobSnapshot, ProverEvent } from '../../../common/prover/proverTypes.js';

const electron = vi.hoisted(() => ({ fake: null as unknown as import('./electronFake.js').ElectronFake }));
vi.mock('electron', async () => {
  const { createElectronFake: create } = await import('./electronFake.js');
  const { fake, module } = create();
  electron.fake = fake;
  return module;
});

const { FakeWindow } = await import('./electronFake.js');
const { followProofsOnDesktop, holdSingleInstance, initialBounds, rememberWindowBounds, LONG_PROOF_MS } = await import('../../../main/app/desktopIntegration.js');
const { readWindowState, windowStateFile, DEFAULT_WINDOW_SIZE } = await import('../../../main/app/windowBounds.js');

type Window = InstanceType<typeof FakeWindow>;
const asWindow = (w: Window) => w as unknown as import('electron').BrowserWindow;

function proverEvents() {
  const listeners = new Set<(event: ProverEvent) => void>();
  return {
    on(listener: (event: ProverEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: ProverEvent) {
      for (const l of listeners) l(event);
    },
  };
}

function snapshot(jobId: string, state: JobSnapshot['state'], progress: number, kind: JobSnapshot['kind'] = 'proof'): JobSnapshot {
  return { jobId, circuitId: 'stress-14', title: 'Stress 2^14', state, kind, predictedMs: null, priority: 0, stage: 'prove', progress, expectedPeakBytes: 0, workerPid: 1, submittedAt: '2026-12-04T10:00:00.000Z', error: null, historyError: null };
}

function record(jobId: string, outcome: JobRecord['outcome'], totalMs: number, kind: JobRecord['kind'] = 'proof'): JobRecord {
  return {
    jobId,
    circuitId: 'stress-14',
    circuitSha256: 'x',
    kind,
    constraints: null,
    domainPower: 14,
    outcome,
    ...(outcome === 'failed' ? { errorCode: 'E_OUT_OF_MEMORY' as const, errorMessage: 'The proof ran out of memory and was stopped.' } : {}),
    timings: { queuedMs: 0, witnessMs: 0, proveMs: totalMs, verifyMs: 0, totalMs },
    peakRssBytes: null,
    memoryCapBytes: null,
    workerPid: 1,
    submittedAt: '2026-12-04T10:00:00.000Z',
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:00:30.000Z',
  };
}

beforeEach(() => {
  electron.fake.notifications.length = 0;
  electron.fake.quitCalls = 0;
  electron.fake.appListeners.clear();
});

describe('one instance at a time', () => {
  it('a second launch quits and the first one comes forward, restored and focused', () => {
    const window = new FakeWindow();
    expect(holdSingleInstance(() => asWindow(window))).toBe(true);
    window.minimized = true;
    window.focused = false;
    electron.fake.appListeners.get('second-instance')?.();
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);

    electron.fake.singleInstanceLock = false;
    expect(holdSingleInstance(() => asWindow(window))).toBe(false);
    expect(electron.fake.quitCalls).toBe(1);
    electron.fake.singleInstanceLock = true;
  });
});

describe('the window remembers its place', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-window-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves its bounds as it closes and opens there next time', async () => {
    const window = new FakeWindow();
    window.bounds = { x: 300, y: 200, width: 1000, height: 700 };
    window.maximized = true;
    rememberWindowBounds(asWindow(window), dataDir, () => {});
    window.emit('close');
    const saved = await readWindowState(dataDir);
    expect(saved).toEqual({ x: 300, y: 200, width: 1000, height: 700, maximized: true });
    expect(initialBounds(saved)).toEqual({ bounds: { x: 300, y: 200, width: 1000, height: 700 }, maximized: true });
  });

  it('opens at the default size when the saved screen is gone or the file is damaged', async () => {
    // Saved on a second monitor to the right, since unplugged.
    expect(initialBounds({ x: 2400, y: 100, width: 1000, height: 700, maximized: false }).bounds).toEqual(DEFAULT_WINDOW_SIZE);
    await writeFile(windowStateFile(dataDir), '{"x": 1, "y":');
    expect(await readWindowState(dataDir)).toBeNull();
    expect(initialBounds(null).bounds).toEqual(DEFAULT_WINDOW_SIZE);
  });

  it('a window larger than the screen it opens on is fitted to it', () => {
    expect(initialBounds({ x: 0, y: 0, width: 4000, height: 3000, maximized: false }).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
  });

  it('a disk that refuses the write costs only the remembered place', async () => {
    const window = new FakeWindow();
    const errors: unknown[] = [];
    await writeFile(path.join(dataDir, 'not-a-folder'), '');
    rememberWindowBounds(asWindow(window), path.join(dataDir, 'not-a-folder'), (error) => errors.push(error));
    window.emit('close');
    expect(errors).toHaveLength(1);
    await expect(readFile(windowStateFile(dataDir), 'utf8')).rejects.toThrow();
  });
});

describe('proofs on the desktop', () => {
  it("shows a running proof's progress on the taskbar/dock icon and clears it when done", () => {
    const window = new FakeWindow();
    const prover = proverEvents();
    const stop = followProofsOnDesktop(prover, () => asWindow(window));
    prover.emit({ type: 'job', job: snapshot('a', 'running', 0.2) });
    prover.emit({ type: 'job', job: snapshot('a', 'running', 0.6) });
    prover.emit({ type: 'job', job: snapshot('a', 'verified', 1) });
    expect(window.progress).toEqual([0.2, 0.6, -1]);
    // Calibration's proofs are not the user's: the icon stays as it is.
    prover.emit({ type: 'job', job: snapshot('c', 'running', 0.5, 'calibration') });
    expect(window.progress).toEqual([0.2, 0.6, -1]);
    stop();
  });

  it('notifies when a long proof finishes while the window is in the background, and a click brings it forward', () => {
    const window = new FakeWindow();
    const prover = proverEvents();
    followProofsOnDesktop(prover, () => asWindow(window));
    prover.emit({ type: 'job', job: snapshot('long', 'running', 0.5) });
    window.focused = false;
    prover.emit({ type: 'finished', record: record('long', 'verified', LONG_PROOF_MS + 5_000), historyError: null });
    expect(electron.fake.notifications.map((n) => [n.title, n.body])).toEqual([['Proof verified ✓', 'Stress 2^14: proved and verified in 15 s.']]);
    electron.fake.notifications[0]?.click?.();
    expect(window.focused).toBe(true);

    window.focused = false;
    prover.emit({ type: 'finished', record: record('oom', 'failed', LONG_PROOF_MS * 2), historyError: null });
    expect(electron.fake.notifications[1]?.title).toBe('Proof failed');
    expect(electron.fake.notifications[1]?.body).toContain('ran out of memory');
  });

  it('stays quiet for a proof watched in the window, a short one, a cancelled one, or calibration', () => {
    const window = new FakeWindow();
    const prover = proverEvents();
    followProofsOnDesktop(prover, () => asWindow(window));
    prover.emit({ type: 'finished', record: record('watched', 'verified', LONG_PROOF_MS * 3), historyError: null });
    window.focused = false;
    prover.emit({ type: 'finished', record: record('short', 'verified', LONG_PROOF_MS / 4), historyError: null });
    prover.emit({ type: 'finished', record: record('cancelled', 'cancelled', LONG_PROOF_MS * 3), historyError: null });
    prover.emit({ type: 'finished', record: record('calibration', 'verified', LONG_PROOF_MS * 3, 'calibration'), historyError: null });
    expect(electron.fake.notifications).toEqual([]);
  });
});
