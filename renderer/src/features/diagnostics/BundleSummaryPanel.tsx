// What an opened bundle says: whether it is intact, whose machine, what failed, and how often.
import { useAppStore } from '../../stores/appStore.js';
import { HelpLink } from '../help/HelpLink.js';
import { formatBytes } from '../../format/formatBytes.js';
import { formatDate } from '../../format/formatDate.js';
import { sectionTitle, withoutRepeatedWords } from './sectionTitles.js';

const integrityWords = {
  intact: 'Intact: every file matches its checksum.',
  tampered: 'Changed after it was written.',
  incomplete: 'Incomplete: files are missing.',
  'no-manifest': 'No manifest: this is not a zkdesk bundle, or it was cut short.',
} as const;

export function BundleSummaryPanel() {
  const summary = useAppStore((s) => s.openedBundle);
  if (!summary) return null;
  const { integrity, machine } = summary;
  return (
    <section aria-labelledby="opened-title" className="bundle-summary">
      <h3 id="opened-title">Bundle {summary.file}</h3>
      <p className={integrity.ok ? 'integrity-ok' : 'integrity-bad'}>
        {integrityWords[integrity.status]}
        {!integrity.ok && (
          <>
            {' '}
            <HelpLink helpId="errors/E_BUNDLE_TAMPERED">What a damaged bundle means</HelpLink>
          </>
        )}
      </p>
      <dl className="facts">
        <div>
          <dt>App</dt>
          <dd>{summary.app ? `${summary.app.version} (${summary.app.channel})` : 'unknown'}</dd>
        </div>
        <div>
          <dt>Written</dt>
          <dd>{formatDate(summary.createdAt)}</dd>
        </div>
        <div>
          <dt>Machine</dt>
          <dd>
            {machine
              ? [machine.os, machine.arch, machine.cpu ? withoutRepeatedWords(machine.cpu) : null, machine.cores ? `${machine.cores} cores` : null, machine.memoryBytes ? formatBytes(machine.memoryBytes) : null, machine.virtualMachine ? 'virtual machine' : null]
                  .filter(Boolean)
                  .join(' · ')
              : 'not included'}
          </dd>
        </div>
        <div>
          <dt>Proofs</dt>
          <dd>
            {summary.jobs.total} in all: {summary.jobs.verified} verified, {summary.jobs.failed} failed, {summary.jobs.cancelled} cancelled
          </dd>
        </div>
        <div>
          <dt>Crashes</dt>
          <dd>{summary.crashCount}</dd>
        </div>
      </dl>
      {summary.feedback.length > 0 && (
        <>
          <h4>Feedback waiting to be sent</h4>
          <ul className="bundle-feedback">
            {summary.feedback.map((f, i) => (
              <li key={i}>
                {f.createdAt ? `${f.createdAt}: ` : ''}
                {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {Object.keys(summary.failureCodes).length > 0 && (
        <>
          <h4>Failures by code</h4>
          <ul>
            {Object.entries(summary.failureCodes).map(([code, count]) => (
              <li key={code}>
                <HelpLink helpId={`errors/${code}`}>{code}</HelpLink>: {count}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.warnings.length > 0 && (
        <>
          <h4>Warnings on that machine</h4>
          <ul>
            {summary.warnings.map((w) => (
              <li key={w.id}>
                <HelpLink helpId={`warnings/${w.id}`}>{w.message}</HelpLink>
                {w.severity ? ` (${w.severity})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.logProblems.length > 0 && (
        <>
          <h4>Problems in the logs ({summary.logProblems.length})</h4>
          <ul className="log-lines">
            {summary.logProblems.slice(0, 20).map((line, i) => (
              <li key={i}>
                <code>
                  {line.time ?? ''} {line.level} {line.scope ?? ''}: {line.msg}
                </code>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>Sections</h4>
      <ul>
        {summary.sections.map((s) => (
          <li key={s.id}>
            {sectionTitle(s.id)}: {s.included ? 'included' : `not included${s.reason ? ` (${s.reason})` : ''}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
