// When a part of the machine could not be read, the rules that need it stay silent; saying so
// keeps "no warning" from being mistaken for "checked and fine".
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

const SECTIONS = ['cpu', 'memory', 'gpu', 'os', 'system', 'power', 'load', 'disk', 'runtime'] as const;

/**
 * The sections behind the blocker rules (memory for the circuit, WebAssembly, a 32-bit runtime):
 * without them "ready" would be a guess, so their gap degrades the verdict instead of a note.
 */
const DECISIVE: ReadonlySet<string> = new Set(['cpu', 'memory', 'runtime']);

export function profileGapsRule(input: AdvisorInput): AdvisorWarning | null {
  const gaps = SECTIONS.flatMap((name) => {
    const section = input.profile[name];
    return section.status === 'unavailable' ? [[name, section.reason] as const] : [];
  });
  if (gaps.length === 0) return null;
  const decisive = gaps.some(([name]) => DECISIVE.has(name));
  return makeWarning('profile-incomplete', decisive ? 'warning' : 'info', {
    title: 'Parts of the machine could not be checked',
    detail: `zkdesk could not read: ${gaps.map(([name]) => name).join(', ')}. Checks that need them were skipped${decisive ? ', so zkdesk cannot promise a proof will fit' : ''}.`,
    evidence: Object.fromEntries(gaps),
    fix: 'Run the check again; if it persists, include this report when you contact support.',
  });
}
