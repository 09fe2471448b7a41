// What a desktop app does beyond its window: one instance at a time (a second launch brings the
// first forward), the window's place remembered, the running proof's progress on the taskbar or
// dock icon, and a notification when a long proof finishes while the window is in the background.
// The user's proofs only: calibration's runs are the app's own business.
import { app, Notification, screen, type BrowserWindow } from 'electron';
import type { ProverEvent } from '../../common/prover/proverTypes.js';
import { isCalibrationRun } from '../../common/prover/proverTypes.js';
import { restoredBounds, writeWindowState, type SavedWindowState } from './windowBounds.js';

/** A proof shorter than this is watched to its end: a notification for it would only be noise. */
export const LONG_PROOF_MS = 10_000;

/** Brings the window forward: restored if minimised, shown if hidden, then focused. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * True when this process holds the single-instance lock; false when another zkdesk already runs
 * (it is told, through 'second-instance', and comes forward), and this one quits.
 */
export function holdSingleInstance(window: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(window()));
  return true;
}

/** Where the window should open, from what was saved and the screens there are now. */
export function initialBounds(saved: SavedWindowState | null): ReturnType<typeof restoredBounds> {
  return restoredBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
}

/** Saves the window's normal (unmaximised) bounds and whether it was maximised, as it closes. */
export function rememberWindowBounds(window: BrowserWindow, dataDir: string, onError: (error: unknown) => void): void {
  window.on('close', () => {
    try {
      const bounds = window.getNormalBounds();
      writeWindowState(dataDir, { ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      // A read-only or full disk costs only the remembered place, never the quit.
      onError(error);
    }
  });
}

interface ProverEvents {
  on(listener: (event: ProverEvent) => void): () => void;
}

/** Proof progress on the taskbar/dock and a notification for a long one finished in the background. */
export function followProofsOnDesktop(prover: ProverEvents, window: () => BrowserWindow | null, longProofMs = LONG_PROOF_MS): () => void {
  const running = new Map<string, number>();
  // Titles as the window shows them ("Stress 2^14"), learnt from the job events.
  const titles = new Map<string, string>();
  const showProgress = () => {
    const w = window();
    if (!w || w.isDestroyed()) return;
    if (running.size === 0) {
      w.setProgressBar(-1);
      return;
    }
    const values = [...running.values()];
    w.setProgressBar(values.reduce((a, b) => a + b, 0) / values.length);
  };
  return prover.on((event) => {
    if (event.type === 'job') {
      const job = event.job;
      if (job.kind === 'calibration') return;
      titles.set(job.jobId, job.title);
      if (job.state === 'queued' || job.state === 'running') running.set(job.jobId, job.progress);
      else running.delete(job.jobId);
      showProgress();
      return;
    }
    if (event.type !== 'finished') return;
    const { record } = event;
    const title = titles.get(record.jobId) ?? record.circuitId;
    titles.delete(record.jobId);
    // Cancelled: the user did it and knows. Quick ones: they were watched.
    if (isCalibrationRun(record) || record.outcome === 'cancelled' || record.timings.totalMs < longProofMs) return;
    const w = window();
    if (!w || w.isDestroyed() || (w.isFocused() && w.isVisible() && !w.isMinimized())) return;
    if (!Notification.isSupported()) return;
    const seconds = Math.round(record.timings.totalMs / 1000);
    const notification = new Notification(
      record.outcome === 'verified'
        ? { title: 'Proof verified ✓', body: `${title}: proved and verified in ${seconds} s.` }
        : { title: 'Proof failed', body: `${title}: ${record.errorMessage ?? 'the proof did not finish'}` },
    );
    notification.on('click', () => focusWindow(window()));
    notification.show();
  });
}
