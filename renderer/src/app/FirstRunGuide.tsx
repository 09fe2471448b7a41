// The three things a new tester needs, shown on the Overview under its heading until dismissed
// (every other view keeps its heading first). Dismissal is a setting, so it holds across
// restarts and across hosts (the app and `zkdesk serve` share the data directory).
import { useAppStore } from '../stores/appStore.js';
import { routeHash } from './route.js';
import { focusViewHeading } from './viewHeading.js';

export function FirstRunGuide() {
  const dismissed = useAppStore((s) => s.settings?.firstRunDismissed ?? true);
  const saveSettings = useAppStore((s) => s.saveSettings);
  if (dismissed) return null;
  const dismiss = () => {
    void saveSettings({ firstRunDismissed: true });
    // The guide (and this button) goes: the keyboard's place moves to the view's heading.
    focusViewHeading();
  };
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">Getting started</h2>
      <ol className="first-run-steps">
        <li>
          <strong>See whether this machine is ready</strong>: its hardware, the verdict and any warnings are below on this page.
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
      </button>{' '}
      <span className="hint">(Help → Show the getting-started guide brings it back.)</span>
    </section>
  );
}
