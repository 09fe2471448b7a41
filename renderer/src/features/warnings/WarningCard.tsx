// One advisor warning: how serious, what it means, the measured evidence (in words), what to do,
// and its help article.
import type { AdvisorWarning } from '../../../../common/advisor/advisorTypes.js';
import { HelpLink } from '../help/HelpLink.js';
import { SeverityBadge } from './SeverityBadge.js';
import { evidenceLabel, evidenceValue } from './evidenceLabels.js';

export function WarningCard({ warning, headingLevel = 3 }: { warning: AdvisorWarning; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const evidence = Object.entries(warning.evidence);
  return (
    <article className={`warning warning-${warning.severity}`} data-warning-id={warning.id} aria-labelledby={`warning-${warning.id}`}>
      <Heading id={`warning-${warning.id}`} className="warning-title">
        <SeverityBadge severity={warning.severity} /> {warning.title}
      </Heading>
      <p>{warning.detail}</p>
      <p>
        <strong>What to do:</strong> {warning.fix}
      </p>
      {evidence.length > 0 && (
        <dl className="evidence" aria-label={`Evidence for “${warning.title}”`}>
          {evidence.map(([name, value]) => (
            <div key={name} data-evidence-key={name}>
              <dt>{evidenceLabel(name)}</dt>
              <dd>{evidenceValue(name, value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="warning-learn-more">
        <HelpLink helpId={warning.helpId}>
          Learn more about “{warning.title}” <span aria-hidden="true">→</span>
        </HelpLink> <span className="hint">(opens its Help article)</span>
      </p>
    </article>
  );
}
