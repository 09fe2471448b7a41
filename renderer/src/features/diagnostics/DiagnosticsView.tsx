// Diagnostics: make a bundle (preview first), read one someone sent, send feedback.
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { HelpLink } from '../help/HelpLink.js';
import { BundlePreviewPanel } from './BundlePreviewPanel.js';
import { WrittenBundle } from './WrittenBundle.js';
import { BundleOpener } from './BundleOpener.js';
import { BundleSummaryPanel } from './BundleSummaryPanel.js';
import { FeedbackForm } from './FeedbackForm.js';
import './diagnostics.css';

export function DiagnosticsView() {
  const error = useAppStore((s) => s.bundleError);
  const loading = useAppStore((s) => s.previewLoading);
  const previewBundle = useAppStore((s) => s.previewBundle);
  return (
    <div className="view diagnostics">
      <h1>Diagnostics</h1>
      <section aria-labelledby="bundle-title">
        <h2 id="bundle-title">Diagnostics bundle</h2>
        <p>
          A zip file for support: this machine's profile, warnings, settings, recent jobs and logs, with personal details removed. You see every file before it is written.{' '}
          <HelpLink helpId="guides/privacy">What a bundle contains</HelpLink>
        </p>
        {/* aria-disabled, not disabled: the keyboard's place stays on the button while the preview is prepared. */}
        <button type="button" onClick={() => void (loading ? undefined : previewBundle())} aria-disabled={loading}>
          {loading ? 'Preparing the preview…' : 'Preview a bundle'}
        </button>
        <ErrorNotice error={error} />
        <BundlePreviewPanel />
        <WrittenBundle />
      </section>
      <section aria-labelledby="open-title">
        <h2 id="open-title">Read a bundle</h2>
        <BundleOpener />
        <BundleSummaryPanel />
      </section>
      <section aria-labelledby="feedback-title">
        <h2 id="feedback-title">Send feedback</h2>
        <FeedbackForm />
      </section>
    </div>
  );
}
