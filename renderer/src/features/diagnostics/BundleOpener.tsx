// Open a bundle someone sent: a native dialog in the desktop app, a typed path in the browser.
// Its error shows here, beside the path that caused it, not at the top of the page.
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';

export function BundleOpener() {
  const nativeDialogs = useAppStore((s) => s.info?.capabilities.nativeDialogs ?? false);
  const openBundle = useAppStore((s) => s.openBundle);
  const opening = useAppStore((s) => s.bundleOpening);
  const error = useAppStore((s) => s.openError);
  const [path, setPath] = useState('');
  if (nativeDialogs) {
    return (
      <>
        <button type="button" onClick={() => void openBundle()} disabled={opening}>
          {opening ? 'Reading the bundle…' : 'Choose a bundle…'}
        </button>
        <ErrorNotice error={error} />
      </>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void openBundle(path.trim());
  };
  return (
    <>
      <form className="inline-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="bundle-path">Bundle path (on the machine running zkdesk)</label>
          <input id="bundle-path" type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/Downloads/zkdesk-diagnostics.zip" />
        </div>
        <button type="submit" disabled={!path.trim() || opening}>
          {opening ? 'Reading…' : 'Open bundle'}
        </button>
      </form>
      <ErrorNotice error={error} />
    </>
  );
}
