// "App version behind the channel's latest" as the user meets it: the real update service checks
// a real feed on 127.0.0.1, and the machine's advice then says this build is behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createNodeUpdater } from '../../../main/services/updates/electronUpdaterInNode.js';
import { StagedUpdateService } from '../../../main/services/updates/stagedUpdateService.js';
import { startFeed, tempDir, type Feed } from '../updates/feedFixture.js';
import { openTestServices, type TestServices } from '../../support/servicesHarness.js';
import { devFeedKeys } from '../updates/feedFixture.js';

let feed: Feed;
const opened: TestServices[] = [];

beforeAll(async () => {
  feed = await startFeed();
  await feed.publish('stable', '1.2.0');
});
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
  await feed.server.close();
});

async function servicesOf(version: string): Promise<TestServices> {
  const installDir = await tempDir('outdated-install');
  const engine = createNodeUpdater({ trustedFeedKeysPem: devFeedKeys, version, feedUrl: feed.server.url, userDataDir: installDir, cacheDir: path.join(installDir, 'cache') });
  const updates = new StagedUpdateService({ engine, channel: 'stable', userDataDir: installDir });
  const services = await openTestServices('outdated', { appVersion: version, updates });
  opened.push(services);
  return services;
}

describe('app version behind the channel', () => {
  it('is not claimed before any check, and is raised once a check finds a newer build', async () => {
    const { services } = await servicesOf('1.1.0');
    expect((await services.advisor.machine()).warnings.map((w) => w.id)).not.toContain('app-outdated');

    await services.updates?.check({ manual: true });
    const outdated = (await services.advisor.machine()).warnings.find((w) => w.id === 'app-outdated');
    expect(outdated?.evidence).toMatchObject({ appVersion: '1.1.0', channelLatest: '1.2.0' });
  });

  it('is not raised for an install that is already on the latest build', async () => {
    const { services } = await servicesOf('1.2.0');
    await services.updates?.check({ manual: true });
    expect((await services.advisor.machine()).warnings.map((w) => w.id)).not.toContain('app-outdated');
  });
});
