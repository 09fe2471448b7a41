// The bundle before it is written: every section with its size and a checkbox, every file's
// exact (already redacted) text. What is ticked here is what gets written.
import type { BundlePreviewSection } from '../../../../common/diagnostics/bundleViews.js';
import { useAppStore } from '../../stores/appStore.js';
import { formatBytes } from '../../format/formatBytes.js';

function SectionRow({ section }: { section: BundlePreviewSection }) {
  const excluded = useAppStore((s) => s.excludedSections.includes(section.id));
  const toggleSection = useAppStore((s) => s.toggleSection);
  const checkboxId = `section-${section.id}`;
  return (
    <li className="bundle-section">
      <div className="checkbox">
        <input id={checkboxId} type="checkbox" checked={section.included && !excluded} disabled={!section.included} onChange={(e) => toggleSection(section.id, e.target.checked)} />
        <label htmlFor={checkboxId}>
          {section.title} — {section.files} file{section.files === 1 ? '' : 's'}, {formatBytes(section.bytes)}
          {!section.included && section.reason ? ` (not included: ${section.reason})` : ''}
        </label>
      </div>
      {section.entries.length > 0 && (
        <details>
          <summary>Show the files of “{section.title}”</summary>
          {section.entries.map((entry) => (
            <div key={entry.path} className="bundle-entry">
              <p>
                <code>{entry.path}</code> · {formatBytes(entry.bytes)}
                {entry.cut ? ` · shortened: ${entry.cut}` : ''}
              </p>
              {entry.text === null ? <p className="hint">Binary file: not shown.</p> : <pre className="code-block" tabIndex={0} aria-label={`Contents of ${entry.path}`}>{entry.text}</pre>}
            </div>
          ))}
        </details>
      )}
    </li>
  );
}

export function BundlePreviewPanel() {
  const preview = useAppStore((s) => s.bundlePreview);
  const writing = useAppStore((s) => s.bundleWriting);
  const writeBundle = useAppStore((s) => s.writeBundle);
  if (!preview) return null;
  return (
    <div className="bundle-preview">
      <p>
        {formatBytes(preview.contentBytes)} in all (the cap is {formatBytes(preview.sizeCapBytes)}). Untick anything you would rather not send.
      </p>
      {preview.cut.length > 0 && (
        <p className="hint">
          Left out or shortened to stay under the cap: {preview.cut.map((c) => `${c.path} (${c.reason})`).join(', ')}.
        </p>
      )}
      <fieldset>
        <legend>Sections to include</legend>
        <ul className="bundle-sections">
          {preview.sections.map((section) => (
            <SectionRow key={section.id} section={section} />
          ))}
        </ul>
      </fieldset>
      <button type="button" className="primary" onClick={() => void writeBundle()} disabled={writing}>
        {writing ? 'Writing…' : 'Write the bundle'}
      </button>
    </div>
  );
}
