// A build behind its channel misses fixes; a whole minor or major release behind may also
// produce bundles and histories support no longer reads the same way.
import semver from 'semver';
import { makeWarning, type AdvisorInput, type AdvisorWarning } from './advisorTypes.js';

export function appVersionRule(input: AdvisorInput): AdvisorWarning | null {
  const { appVersion, channelLatest } = input;
  if (!appVersion || !channelLatest) return null;
  const current = semver.valid(appVersion);
  const latest = semver.valid(channelLatest);
  if (!current || !latest || !semver.lt(current, latest)) return null;
  const step = semver.diff(current, latest);
  const bigStep = step === 'major' || step === 'minor' || step === 'premajor' || step === 'preminor';
  return makeWarning('app-outdated', bigStep ? 'warning' : 'info', {
    title: 'A newer zkdesk is available',
    detail: `This is zkdesk ${current}; ${latest} is the latest on your update channel.`,
    evidence: { appVersion: current, channelLatest: latest, behindBy: step },
    fix: 'Install the update (Help → Check for updates), then restart zkdesk.',
  });
}
