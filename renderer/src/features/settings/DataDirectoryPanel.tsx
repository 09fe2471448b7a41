// Where zkdesk keeps its data. Shown, not edited here: moving it while the prover and logger
// hold files open would split history in two, so it is chosen at start (`--data-dir`).
import { useAppStore } from '../../stores/appStore.js';

export function DataDirectoryPanel() {
  const info = useAppStore((s) => s.info);
  if (!info) return null;
  return (
    <section aria-labelledby="data-dir-title">
      <h2 id="data-dir-title">Data directory</h2>
      <p>
        Settings, job history, logs, calibration, caches and crash reports are kept in <code className="data-dir">{info.dataDir}</code>.
      </p>
      <p className="hint">
        To use another folder, start zkdesk with <code>--data-dir &lt;folder&gt;</code> (or set <code>ZKDESK_DATA_DIR</code>). Nothing is written outside it.
      </p>
    </section>
  );
}
