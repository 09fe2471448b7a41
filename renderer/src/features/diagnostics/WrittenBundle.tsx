// Where the bundle was written, and (in the desktop app) a way to show it in the file manager.
import { useAppStore } from '../../stores/appStore.js';
import { formatBytes } from '../../format/formatBytes.js';

export function WrittenBundle() {
  const written = useAppStore((s) => s.writtenBundle);
  const canReveal = useAppStore((s) => s.info?.capabilities.revealInFolder ?? false);
  const revealBundle = useAppStore((s) => s.revealBundle);
  const revealed = useAppStore((s) => s.revealed);
  if (!written) return null;
  return (
    <div className="notice notice-success" role="status">
      <p>
        Bundle written ({formatBytes(written.bytes)}): <code className="bundle-path">{written.path}</code>
      </p>
      {written.cut.length > 0 && <p>Shortened to stay under the size cap: {written.cut.map((c) => c.path).join(', ')}.</p>}
      {canReveal && (
        <button type="button" onClick={() => void revealBundle()}>
          Show in folder
        </button>
      )}
      {revealed === false && <p>The file manager could not be opened; the path above is where the bundle is.</p>}
    </div>
  );
}
