// A warning's severity in words (never colour alone).
import type { Severity } from '../../../../common/advisor/advisorTypes.js';

const labels: Record<Severity, string> = { blocker: 'Blocker', warning: 'Warning', info: 'Note' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge badge-${severity}`}>{labels[severity]}</span>;
}
