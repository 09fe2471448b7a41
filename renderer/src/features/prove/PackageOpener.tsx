// Open a circuit package: a native dialog in the desktop app, a typed path in the browser host
// (the page cannot see the server's files). Folded away there: most proofs use a bundled circuit.
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../stores/appStore.js';

export function PackageOpener() {
  const nativeDialogs = useAppStore((s) => s.info?.capabilities.nativeDialogs ?? false);
  const openPackage = useAppStore((s) => s.openPackage);
  const [path, setPath] = useState('');

  if (nativeDialogs) {
    return (
      <button type="button" onClick={() => void openPackage()}>
        Open a circuit package…
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void openPackage(path.trim());
  };
  return (
    <details className="package-opener">
      <summary>Open a circuit package</summary>
      <form className="inline-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="package-path">Circuit package path (on the machine running zkdesk)</label>
          <input id="package-path" type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/circuits/my-circuit.zkpkg" />
        </div>
        <button type="submit" disabled={!path.trim()}>
          Open package
        </button>
      </form>
    </details>
  );
}
