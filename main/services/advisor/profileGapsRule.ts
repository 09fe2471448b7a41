// When a part of the machine could not be read, the rules that need it stay silent; saying so
// keeps "no warning" from being mistaken for "checked and fine".
import { makeWarning, type AdvisorInput, type AdvisorWarning } from './advisorTypes.js';

const SECTIONS = ['cpu', 'memory', 'gpu', 'os', 'system', 'power', 'load', 'disk', 'runtime'] as const;

export function profileGapsRule(input: AdvisorInput): AdvisorWarning | null {
  const gaps = SECTIONS.flatMap((name) => {
    const section = input.profile[name];
    return section.status === 'unavailable' ? [[name, section.reason] as const] : [];
  });
  if (gaps.length === 0) return null;
  return makeWarning('profile-incomplete', 'info', {
    title: 'Parts of the machine could not be checked',
    detail: `zkdesk could not read: ${gaps.map(([name]) => name).join(', ')}. Checks that need them were skipped.`,
    evidence: Object.fromEntries(gaps),
    fix: 'Run the check again; if it persists, include this report when you contact support.',
  });
}
