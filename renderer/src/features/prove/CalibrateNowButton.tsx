// Shown where an estimate is missing: calibrates this machine in place (about ten seconds),
// then checks the circuit again so the estimate appears without leaving the Prove view.
// It stays focusable while it runs (aria-disabled), so a keyboard user's place is kept.
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';

export function CalibrateNowButton({ circuitId }: { circuitId: string }) {
  const running = useAppStore((s) => s.calibrationRunning);
  const error = useAppStore((s) => s.calibrationError);
  const runCalibration = useAppStore((s) => s.runCalibration);
  const selectCircuit = useAppStore((s) => s.selectCircuit);
  const calibrate = async () => {
    await runCalibration();
    await selectCircuit(circuitId);
    // This button is gone once the estimate is there: focus goes to the panel's heading, not the page's top.
    document.getElementById('check-title')?.focus();
  };
  return (
    <>
      <button type="button" onClick={() => void (running ? undefined : calibrate())} aria-disabled={running}>
        {running ? 'Calibrating this machine…' : 'Calibrate now (about 10 s)'}
      </button>
      {error && <ErrorNotice error={error} />}
    </>
  );
}
