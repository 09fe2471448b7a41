// Where zkdesk keeps its data, and another folder for it from the next start. Not moved while
// running: the prover and the logger hold files open, and moving under them would split history
// in two. The new folder gets the settings and calibration; history and logs stay where they were.
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';

export function DataDirectoryPanel() {
  const info = useAppStore((s) => s.info);
  const choice = useAppStore((s) => s.dataDirChoice);
  const error = useAppStore((s) => s.dataDirError);
  const chooseDataDir = useAppStore((s) => s.chooseDataDir);
  const [target, setTarget] = useState('');
  if (!info) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target.trim() !== '') void chooseDataDir(target.trim());
  };

  return (
    <section aria-labelledby="data-dir-title">
      <h2 id="data-dir-title">Data directory</h2>
      <p>
        Settings, job history, logs, calibration, caches and crash reports are kept in <code className="data-dir">{info.dataDir}</code>. Nothing is
        written outside it, but for a one-line note of your choice in zkdesk's default folder when you pick another one.
      </p>
      {info.capabilities.nativeDialogs ? (
        // The app picks the folder in its own dialog: it takes no path from the page.
        <button type="button" onClick={() => void chooseDataDir()}>
          Choose another folder for the next start…
        </button>
      ) : (
        <form onSubmit={submit} aria-label="Choose another data directory">
          <div className="field">
            <label htmlFor="data-dir-new">Use another folder from the next start (full path)</label>
            <input id="data-dir-new" type="text" value={target} onChange={(e) => setTarget(e.target.value)} aria-describedby="data-dir-hint" spellCheck={false} />
            <p className="hint" id="data-dir-hint">
              The folder is created if needed and gets your settings and calibration; job history and logs stay in the current one.
            </p>
          </div>
          <button type="submit">Use this folder</button>
        </form>
      )}
      <ErrorNotice error={error} />
      {choice && (
        <p role="status" className="saved">
          From the next start zkdesk keeps its data in <code>{choice.dataDir}</code>
          {choice.carried.length > 0 ? ` (carried over: ${choice.carried.join(', ')})` : ''}.
          {choice.overriddenBy &&
            ` This run was started with ${choice.overriddenBy === 'flag' ? '--data-dir' : 'ZKDESK_DATA_DIR'}, which still decides while it is given.`}
        </p>
      )}
    </section>
  );
}
