// The version a rollback republishes the good build under. It must be above everything any
// client may run, on any channel (a beta tester on 0.3.0-beta.1 counts for a stable rollback
// too, since beta files carry stable releases), and it must not take a number the team means to
// ship later: after 0.3.0-beta.1 reached stable, semver's patch bump gives 0.3.0, which is the
// final release still to come, so the bump starts from the release part: 0.3.0-beta.1 → 0.3.1.
import semver from 'semver';
import type { UpdateChannel } from '../../../../common/updates/updateChannel.js';

export function highestVersion(versions: Iterable<string>): string | null {
  const valid = [...versions].filter((v) => semver.valid(v) !== null);
  return valid.sort(semver.rcompare)[0] ?? null;
}

export function nextRollbackVersion(highest: string, channel: UpdateChannel): string {
  const parsed = semver.parse(highest);
  if (!parsed) throw new Error(`not a version: ${highest}`);
  const nextPatch = `${parsed.major}.${parsed.minor}.${parsed.patch + 1}`;
  if (channel === 'stable') return nextPatch;
  // On beta a next prerelease is fine (1.4.0-beta.1 → 1.4.0-beta.2), as long as it really is
  // above: semver would turn 1.4.0-rc.1 into 1.4.0-beta.0, which is lower.
  const candidate = semver.inc(highest, 'prerelease', 'beta');
  return candidate !== null && semver.gt(candidate, highest) ? candidate : `${nextPatch}-beta.0`;
}
