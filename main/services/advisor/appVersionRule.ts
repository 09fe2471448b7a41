// A build behind its channel misses fixes. Only a whole major release behind degrades the
// verdict: a minor or patch update is worth knowing about, but a CI machine running
// `zkdesk doctor` should not turn red the day a release ships.
import semver from 'semver';
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

export function appVersionRule(input: AdvisorInput): AdvisorWarning | null {
  const { appVersion, channelLatest } = input;
  if (!appVersion || !channelLatest) return null;
  const current = semver.valid(appVersion);
  const latest = semver.valid(channelLatest);
  if (!current || !latest || !semver.lt(current, latest)) return null;
  const step = semver.diff(current, latest);
  const majorStep = step === 'major' || step === 'premajor';
  return makeWarning('app-outdated', majorStep ? 'warning' : 'info', {
    title: 'A newer zkdesk is available',
    detail: `This is zkdesk ${current}; ${latest} is the latest on your update channel.`,
    evidence: { appVersion: current, channelLatest: latest, behindBy: step },
    fix: 'Install the update (Help → Check for updates), then restart zkdesk.',
  });
}
