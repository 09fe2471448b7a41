// A halted release (staging 0 %) is offered to no one, with electron-updater's real updater
// against a real feed halted by the real `zkdesk release halt`: not to a beta tester pressing
// "get it now", and not through the beta copy of a halted stable release.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { releaseLogFileName } from '../../../main/services/updates/release/releaseLog.js';
import { installOf, releaseCli, stagingIdAt, startFeed, type Feed } from './feedFixture.js';

let feed: Feed | null = null;
afterEach(async () => {
  await feed?.server.close();
  feed = null;
});

const stagingOf = async (dir: string, name: string) =>
  (yaml.load(await readFile(path.join(dir, name), 'utf8')) as { stagingPercentage?: number }).stagingPercentage ?? null;

describe('a halted release', () => {
  it('is not offered to a beta tester who presses "get it now", nor to one who was inside the rollout', async () => {
    feed = await startFeed();
    await feed.publish('stable', '2.0.0', ['deb']);
    await feed.publish('beta', '2.1.0-beta.1', ['deb'], 10);
    const late = await installOf(feed.server.url, '2.0.0', 'beta', { stagingId: stagingIdAt(0.8) });
    expect(await late.service.check({ manual: true, getItNow: true })).toMatchObject({ kind: 'available', version: '2.1.0-beta.1' });

    const halt = await releaseCli(feed.root, 'halt', '--channel', 'beta', '--feed', feed.dir);
    expect(halt).toMatchObject({ code: 0 });
    expect(halt.stdout).toContain('beta-linux.yml 2.1.0-beta.1: halted (was 10 %)');

    const pressing = await installOf(feed.server.url, '2.0.0', 'beta', { stagingId: stagingIdAt(0.8) });
    expect(await pressing.service.check({ manual: true, getItNow: true })).toMatchObject({
      kind: 'not-available',
      reason: 'halted',
      latestVersion: '2.1.0-beta.1',
    });
    const early = await installOf(feed.server.url, '2.0.0', 'beta', { stagingId: stagingIdAt(0.05) });
    expect(await early.service.check({ manual: true })).toMatchObject({ kind: 'not-available', reason: 'halted' });
  });

  it('halt --channel stable halts the beta copy of that release too, and stage resumes both', async () => {
    feed = await startFeed();
    await feed.publish('stable', '2.0.0', ['deb'], 100);
    const halt = await releaseCli(feed.root, 'halt', '--channel', 'stable', '--feed', feed.dir);
    expect(halt.stdout).toContain('beta-linux.yml 2.0.0 (the beta copy of latest-linux.yml): halted');
    expect(await stagingOf(feed.dir, 'beta-linux.yml')).toBe(0);

    const tester = await installOf(feed.server.url, '1.9.0', 'beta', { stagingId: stagingIdAt(0.05) });
    expect(await tester.service.check({ manual: true, getItNow: true })).toMatchObject({ kind: 'not-available', reason: 'halted', latestVersion: '2.0.0' });
    const user = await installOf(feed.server.url, '1.9.0', 'stable', { stagingId: stagingIdAt(0.05) });
    expect(await user.service.check({ manual: true })).toMatchObject({ kind: 'not-available', reason: 'halted' });

    const resumed = await releaseCli(feed.root, 'stage', '--channel', 'stable', '--percent', '10', '--feed', feed.dir);
    expect(resumed.stdout).toContain('beta-linux.yml 2.0.0 (the beta copy of latest-linux.yml): 0 % → 10 %');
    expect(await tester.service.check({ manual: true })).toMatchObject({ kind: 'available', version: '2.0.0' });
  });

  it('a second halt says it was already halted, changes nothing and is not logged again', async () => {
    feed = await startFeed();
    await feed.publish('beta', '2.1.0-beta.1', ['deb', 'exe'], 10);
    expect((await releaseCli(feed.root, 'halt', '--channel', 'beta', '--feed', feed.dir)).code).toBe(0);
    const logAfterFirst = await readFile(path.join(feed.dir, releaseLogFileName), 'utf8');
    const again = await releaseCli(feed.root, 'halt', '--channel', 'beta', '--feed', feed.dir);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('beta-linux.yml 2.1.0-beta.1: already halted');
    expect(again.stdout).toContain('It was already halted; nothing changed.');
    expect(await readFile(path.join(feed.dir, releaseLogFileName), 'utf8')).toBe(logAfterFirst);
  });
});
