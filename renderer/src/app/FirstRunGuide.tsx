// The three things a new tester needs, shown until dismissed. Dismissal is remembered by this
// window's storage (the settings schema has no field for it; see the report).
import { useState } from 'react';
import { routeHash } from './route.js';

const STORAGE_KEY = 'zkdesk.firstRunDismissed';

function wasDismissed(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export function FirstRunGuide() {
  const [dismissed, setDismissed] = useState(wasDismissed);
  if (dismissed) return null;
  const dismiss = () => {
    try {
      window.localStorage.setItem(STORAGE_KEY, '1');
    } catch {
      // Storage refused (private window): it stays dismissed until the page reloads.
    }
    setDismissed(true);
  };
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">Getting started</h2>
      <ol className="first-run-steps">
        <li>
          <a href={routeHash({ view: 'overview', helpId: null })}>See whether this machine is ready</a>: its hardware, the verdict and any warnings.
        </li>
        <li>
          <a href={routeHash({ view: 'prove', helpId: null })}>Prove a bundled circuit</a>: pick one, load its sample input, press Prove.
        </li>
        <li>
          <a href={routeHash({ view: 'diagnostics', helpId: null })}>Send a diagnostics bundle or feedback</a>: preview exactly what it holds first.
        </li>
      </ol>
      <button type="button" onClick={dismiss}>
        Dismiss the guide
      </button>
    </section>
  );
}
