// Warnings worst first (blockers, then warnings, then notes), or a plain word when there are none.
import type { AdvisorWarning, Severity } from '../../../../common/advisor/advisorTypes.js';
import { WarningCard } from './WarningCard.js';
import './warnings.css';

const order: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

export function WarningList({ warnings, headingLevel = 3 }: { warnings: AdvisorWarning[]; headingLevel?: 3 | 4 }) {
  if (warnings.length === 0) return <p>No warnings: nothing here should slow a proof down.</p>;
  const sorted = [...warnings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="warning-list">
      {sorted.map((warning) => (
        <li key={warning.id}>
          <WarningCard warning={warning} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
