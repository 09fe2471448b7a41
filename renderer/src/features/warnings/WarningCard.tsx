// One advisor warning: how serious, what it means, the measured evidence, what to do, and its
// help article.
import type { AdvisorWarning } from '../../../../main/services/advisor/advisorTypes.js';
import { HelpLink } from '../help/HelpLink.js';
import { SeverityBadge } from './SeverityBadge.js';

function evidenceText(value: AdvisorWarning['evidence'][string]): string {
  if (value === null) return 'unknown';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString() : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  return String(value);
}

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
            <div key={name}>
              <dt>{name}</dt>
              <dd>{evidenceText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <p>
        <HelpLink helpId={warning.helpId}>Learn more about “{warning.title}”</HelpLink>
      </p>
    </article>
  );
}
