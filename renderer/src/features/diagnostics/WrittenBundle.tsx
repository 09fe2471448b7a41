// Where the bundle was written, and how to get it: in a browser on `zkdesk serve` the machine
// running zkdesk may not be the one in front of the tester, so the page offers the zip as a
// download (served by the host, only this bundle); in the desktop app, a save dialog for a copy
// and the file manager.
import { useAppStore } from '../../stores/appStore.js';
import { formatBytes } from '../../format/formatBytes.js';

export function WrittenBundle() {
  const written = useAppStore((s) => s.writtenBundle);
  const canReveal = useAppStore((s) => s.info?.capabilities.revealInFolder ?? false);
  const nativeDialogs = useAppStore((s) => s.info?.capabilities.nativeDialogs ?? false);
  const revealBundle = useAppStore((s) => s.revealBundle);
  const saveBundle = useAppStore((s) => s.saveBundle);
  const revealed = useAppStore((s) => s.revealed);
  const saved = useAppStore((s) => s.bundleSaved);
  if (!written) return null;
  const name = written.path.split(/[\\/]/).pop() ?? 'bundle.zip';
  return (
    <div className="notice notice-success" role="status">
      <p>
        Bundle written ({formatBytes(written.bytes)}): <code className="bundle-path">{written.path}</code>
      </p>
      {written.cut.length > 0 && <p>Shortened to stay under the size cap: {written.cut.map((c) => c.path).join(', ')}.</p>}
      <div className="actions">
        {written.download && (
          <a className="download-link" href={written.download} download={name}>
            Download the bundle
          </a>
        )}
        {nativeDialogs && (
          <button type="button" onClick={() => void saveBundle()}>
            Save a copy…
          </button>
        )}
        {canReveal && (
          <button type="button" onClick={() => void revealBundle()}>
            Show in folder
          </button>
        )}
      </div>
      {written.download && <p className="hint">The path above is on the machine running zkdesk; the download brings the zip to this one.</p>}
      {saved === true && <p>A copy was saved where you chose.</p>}
      {revealed === false && <p>The file manager could not be opened; the path above is where the bundle is.</p>}
    </div>
  );
}
