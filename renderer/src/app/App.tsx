// The shell: header, navigation, the current view inside an error boundary, the first-run guide
// and the settings recovery notice. Loads what every view shares once, at start.
import { useEffect } from 'react';
import { useAppStore } from '../stores/appStore.js';
import { NavBar } from './NavBar.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { FirstRunGuide } from './FirstRunGuide.js';
import { RecoveryNotice } from './RecoveryNotice.js';
import { ErrorNotice } from './ErrorNotice.js';
import { useHostEvents } from './useHostEvents.js';
import { useTheme } from './useTheme.js';
import { CurrentView } from './CurrentView.js';

export function App() {
  const view = useAppStore((s) => s.view);
  const info = useAppStore((s) => s.info);
  const infoError = useAppStore((s) => s.infoError);
  useHostEvents();
  useTheme();

  useEffect(() => {
    const { loadInfo, loadSettings, loadUpdateState } = useAppStore.getState();
    void loadInfo();
    void loadSettings();
    void loadUpdateState();
  }, []);

  return (
    <div className="shell">
      <header className="app-header">
        <span className="brand">zkdesk</span>
        {info && (
          <span className="app-version">
            {info.version} · {info.channel} channel · {info.host === 'browser' ? 'browser (zkdesk serve)' : 'desktop app'}
          </span>
        )}
      </header>
      <NavBar />
      <main className="content">
        <ErrorNotice error={infoError} />
        <RecoveryNotice />
        <FirstRunGuide />
        <ErrorBoundary key={view}>
          <CurrentView view={view} />
        </ErrorBoundary>
      </main>
    </div>
  );
}
