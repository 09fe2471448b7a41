// The shell: a skip link, header, navigation, the current view inside an error boundary, and
// the settings recovery notice. Loads what every view shares once, at start; moves focus to
// the view's heading when the view changes.
import { useEffect } from 'react';
import { useAppStore } from '../stores/appStore.js';
import { NavBar } from './NavBar.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { SkipLink } from './SkipLink.js';
import { useFocusOnViewChange } from './useFocusOnViewChange.js';
import { RecoveryNotice } from './RecoveryNotice.js';
import { ErrorNotice } from './ErrorNotice.js';
import { useHostEvents } from './useHostEvents.js';
import { useTheme } from './useTheme.js';
import { CurrentView } from './CurrentView.js';
import { HealthReportsPrompt } from '../features/health/HealthReportsPrompt.js';

export function App() {
  const view = useAppStore((s) => s.view);
  const info = useAppStore((s) => s.info);
  const infoError = useAppStore((s) => s.infoError);
  // The settings follow a channel switch at once; the info was read at start.
  const channel = useAppStore((s) => s.settings?.updateChannel ?? s.info?.channel);
  useHostEvents();
  useTheme();
  useFocusOnViewChange();

  useEffect(() => {
    const { loadInfo, loadSettings, loadUpdateState } = useAppStore.getState();
    void loadInfo();
    void loadSettings();
    void loadUpdateState();
  }, []);

  return (
    <div className="shell">
      <SkipLink />
      <header className="app-header">
        <span className="brand">zkdesk</span>
        {info && (
          <span className="app-version">
            {info.version} · {channel} channel · {info.host === 'browser' ? 'browser (zkdesk serve)' : 'desktop app'}
          </span>
        )}
      </header>
      <NavBar />
      <main className="content" id="main-content">
        <ErrorNotice error={infoError} />
        <RecoveryNotice />
        <HealthReportsPrompt />
        <ErrorBoundary key={view}>
          <CurrentView view={view} />
        </ErrorBoundary>
      </main>
    </div>
  );
}
