// electron-updater's real updater classes, in plain Node, against a real feed on 127.0.0.1
// written by our own `release feed build`: what a beta tester or a stable user would meet.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { createNodeUpdater } from '../../../main/services/updates/electronUpdaterInNode.js';
import { StagedUpdateService } from '../../../main/services/updates/stagedUpdateService.js';
import { isInRollout } from '../../../main/services/updates/stagingBucket.js';
import type { UpdateChannel } from '../../../common/updates/updateChannel.js';
import { installOf, startFeed, stagingIdAt, tempDir, type Feed, devFeedKeys, devSigner } from './feedFixture.js';

let feed: Feed;

beforeAll(async () => {
  feed = await startFeed();
  await feed.publish('stable', '1.2.0');
  await feed.publish('beta', '1.3.0-beta.1');
});
afterAll(async () => {
  await feed.server.close();
});

async function install(version: string, channel: UpdateChannel, options: { stagingId?: string; platform?: 'linux' | 'win32'; feedUrl?: string } = {}) {
  return installOf(options.feedUrl ?? feed.server.url, version, channel, options);
}

describe('channel file resolution', () => {
  it('offers a stable user the version in latest-linux.yml and a beta tester the one in beta-linux.yml', async () => {
    const stable = await install('1.1.0', 'stable');
    const beta = await install('1.1.0', 'beta');
    const s = await stable.service.check({ manual: true });
    const b = await beta.service.check({ manual: true });
    expect(s).toMatchObject({ kind: 'available', version: '1.2.0', channel: 'stable', isDowngrade: false });
    expect(b).toMatchObject({ kind: 'available', version: '1.3.0-beta.1', channel: 'beta' });
  });

  it('reads latest.yml for a Windows install', async () => {
    const win = await install('1.1.0', 'stable', { platform: 'win32' });
    expect(await win.service.check({ manual: true })).toMatchObject({ kind: 'available', version: '1.2.0' });
  });

  it('reports a channel with no file for this arch as E_UPDATE_CHANNEL_MISSING', async () => {
    const dir = await tempDir('empty-feed');
    const { startFeedServer } = await import('../../../main/services/updates/release/feedServer.js');
    const empty = await startFeedServer({ dir });
    try {
      const lonely = await install('1.1.0', 'beta', { feedUrl: empty.url });
      expect(await lonely.service.check({ manual: true })).toMatchObject({ kind: 'error', code: 'E_UPDATE_CHANNEL_MISSING' });
    } finally {
      await empty.close();
    }
  });

  it('reports a malformed channel file as E_FEED_INVALID', async () => {
    const dir = await tempDir('bad-feed');
    const { startFeedServer } = await import('../../../main/services/updates/release/feedServer.js');
    // Signed, so what fails is the content: a release tool bug, not a forgery.
    for (const [name, text] of [['latest-linux.yml', 'version: [1.2.0\nfiles: {{{\n'], ['beta-linux.yml', 'just some words, not a release\n']] as const) {
      await writeFile(path.join(dir, name), text);
      await writeFile(path.join(dir, `${name}.sig`), devSigner.sign(name, Buffer.from(text)));
    }
    const bad = await startFeedServer({ dir });
    try {
      const syntax = await install('1.1.0', 'stable', { feedUrl: bad.url });
      expect(await syntax.service.check({ manual: true })).toMatchObject({ kind: 'error', code: 'E_FEED_INVALID' });
      const shape = await install('1.1.0', 'beta', { feedUrl: bad.url });
      expect(await shape.service.check({ manual: true })).toMatchObject({ kind: 'error', code: 'E_FEED_INVALID' });
    } finally {
      await bad.close();
    }
  });
});

describe('download', () => {
  it('downloads the deb, reports progress, and verifies its sha512', async () => {
    const user = await install('1.1.0', 'stable');
    const states: string[] = [];
    user.service.subscribe((s) => states.push(s.kind));
    await user.service.check({ manual: true });
    const done = await user.service.download();
    expect(done).toEqual({ kind: 'downloaded', version: '1.2.0' });
    expect(states).toContain('downloading');
    const pending = path.join(user.dataDir, 'cache', 'zkdesk-updater', 'pending');
    expect(await readdir(pending)).toContain('zkdesk_1.2.0_amd64.deb');
  });

  it('discards a download whose sha512 is not the one the feed states, with E_UPDATE_CHECKSUM_MISMATCH', async () => {
    // The feed states a wrong sha512 and serves the installer in two halves; between them the
    // test sees electron-updater's temporary download file in pending/, so "discarded" below
    // means a file that existed was removed, not that nothing was ever written.
    const good = yaml.load(await readFile(path.join(feed.dir, 'latest-linux.yml'), 'utf8')) as { files: { url: string; sha512: string }[] };
    for (const file of good.files) file.sha512 = Buffer.alloc(64, 7).toString('base64');
    const dataDir = await tempDir('lying-feed');
    const pending = path.join(dataDir, 'cache', 'zkdesk-updater', 'pending');
    let seenMidway: string[] = [];
    const lying = http.createServer((request, response) => {
      void (async () => {
        const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
        // Signed with the feed key, as a release whose files were swapped after `feed build` would be.
        if (name === 'latest-linux.yml') return void response.end(yaml.dump(good));
        if (name === 'latest-linux.yml.sig') return void response.end(devSigner.sign('latest-linux.yml', Buffer.from(yaml.dump(good))));
        const bytes = await readFile(path.join(feed.dir, name)).catch(() => null);
        if (!bytes) return void response.writeHead(404).end();
        response.writeHead(200, { 'content-length': bytes.length });
        response.write(bytes.subarray(0, bytes.length / 2));
        const deadline = Date.now() + 10_000;
        while (seenMidway.length === 0 && Date.now() < deadline) {
          seenMidway = (await readdir(pending).catch(() => [])).filter((f) => f.startsWith('temp-'));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        response.end(bytes.subarray(bytes.length / 2));
      })();
    });
    await new Promise<void>((resolve) => lying.listen(0, '127.0.0.1', resolve));
    try {
      const engine = createNodeUpdater({ trustedFeedKeysPem: devFeedKeys,
        version: '1.1.0',
        feedUrl: `http://127.0.0.1:${(lying.address() as AddressInfo).port}/`,
        userDataDir: dataDir,
        cacheDir: path.join(dataDir, 'cache'),
      });
      const service = new StagedUpdateService({ engine, channel: 'stable', userDataDir: dataDir });
      expect(await service.check({ manual: true })).toMatchObject({ kind: 'available' });
      expect(await service.download()).toMatchObject({ kind: 'error', code: 'E_UPDATE_CHECKSUM_MISMATCH' });
      expect(seenMidway).toEqual(['temp-zkdesk_1.2.0_amd64.deb']);
      // pending/ is still there (it is the updater's cache) and holds nothing: no partial or bad installer.
      expect(await readdir(pending)).toEqual([]);
    } finally {
      lying.closeAllConnections();
      await new Promise((resolve) => lying.close(resolve));
    }
  });
});

describe('staged rollout', () => {
  let staged: Feed;
  beforeAll(async () => {
    staged = await startFeed();
    await staged.publish('stable', '2.0.0', ['deb'], 20);
    await staged.publish('beta', '2.1.0-beta.1', ['deb'], 20);
  });
  afterAll(async () => {
    await staged.server.close();
  });

  it('offers the release below the threshold and shows the install its position', async () => {
    const inside = await install('1.9.0', 'stable', { stagingId: stagingIdAt(0.19), feedUrl: staged.server.url });
    const state = await inside.service.check();
    expect(state).toMatchObject({ kind: 'available', version: '2.0.0' });
    expect(state.kind === 'available' && state.rollout).toMatchObject({ stagingPercentage: 20, inRollout: true });
    expect(state.kind === 'available' && state.rollout?.positionPercent).toBeCloseTo(19, 3);
  });

  it('holds it back above the threshold, and says so', async () => {
    const outside = await install('1.9.0', 'stable', { stagingId: stagingIdAt(0.21), feedUrl: staged.server.url });
    const state = await outside.service.check({ manual: true });
    expect(state).toMatchObject({ kind: 'not-available', reason: 'staged-out', latestVersion: '2.0.0' });
    expect(state.kind === 'not-available' && state.rollout?.positionPercent).toBeCloseTo(21, 3);
  });

  it('lets a beta tester "get it now" on a manual check, and only then', async () => {
    const tester = await install('2.0.0', 'beta', { stagingId: stagingIdAt(0.8), feedUrl: staged.server.url });
    expect(await tester.service.check({ getItNow: true })).toMatchObject({ kind: 'not-available', reason: 'staged-out' });
    expect(await tester.service.check({ manual: true })).toMatchObject({ kind: 'not-available', reason: 'staged-out' });
    expect(await tester.service.check({ manual: true, getItNow: true })).toMatchObject({ kind: 'available', version: '2.1.0-beta.1' });
    const stableUser = await install('1.9.0', 'stable', { stagingId: stagingIdAt(0.8), feedUrl: staged.server.url });
    expect(await stableUser.service.check({ manual: true, getItNow: true })).toMatchObject({ reason: 'staged-out' });
  });

  it('agrees with electron-updater on every staging id', async () => {
    const info = { version: '2.0.0', files: [], path: '', sha512: '', releaseDate: '', stagingPercentage: 37 };
    for (let i = 0; i < 60; i++) {
      const id = stagingIdAt(i / 60);
      const dataDir = await tempDir('staging-id');
      await mkdir(dataDir, { recursive: true });
      await writeFile(path.join(dataDir, '.updaterId'), id);
      const engine = createNodeUpdater({ trustedFeedKeysPem: devFeedKeys, version: '1.0.0', feedUrl: staged.server.url, userDataDir: dataDir, cacheDir: path.join(dataDir, 'c') });
      expect(await engine.isUserWithinRollout(info)).toBe(isInRollout(id, 37));
    }
  });
});

describe('channel switch and downgrades', () => {
  it('does not silently move a beta tester back to an older stable build', async () => {
    const tester = await install('1.3.0-beta.1', 'beta');
    expect(await tester.service.check({ manual: true })).toMatchObject({ kind: 'not-available', reason: 'up-to-date' });
    const switched = await tester.service.switchChannel('stable');
    // electron-updater's channel setter turned allowDowngrade on; the service turned it off again.
    expect(tester.engine.allowDowngrade).toBe(false);
    expect(switched).toMatchObject({
      kind: 'not-available',
      channel: 'stable',
      reason: 'older-on-channel',
      currentVersion: '1.3.0-beta.1',
      latestVersion: '1.2.0',
    });
  });

  it('installs the older stable build only when the tester chooses to switch now', async () => {
    const tester = await install('1.3.0-beta.1', 'beta');
    await tester.service.switchChannel('stable');
    const chosen = await tester.service.acceptDowngrade();
    expect(chosen).toMatchObject({ kind: 'available', version: '1.2.0', isDowngrade: true });
    expect(await tester.service.download()).toEqual({ kind: 'downloaded', version: '1.2.0' });
  });

  it('allows the chosen downgrade for that one check only: the next automatic check does not offer it', async () => {
    const tester = await install('1.3.0-beta.1', 'beta');
    await tester.service.switchChannel('stable');
    expect(await tester.service.acceptDowngrade()).toMatchObject({ kind: 'available', version: '1.2.0', isDowngrade: true });
    expect(tester.engine.allowDowngrade).toBe(false);
    // The tester did not download it; the app's next automatic check asks again instead of offering it.
    expect(await tester.service.check()).toMatchObject({ kind: 'not-available', reason: 'older-on-channel', latestVersion: '1.2.0' });
    expect(await tester.service.check({ manual: true })).toMatchObject({ kind: 'not-available', reason: 'older-on-channel' });
  });

  it('refuses a downgrade choice when none is pending', async () => {
    const user = await install('1.1.0', 'stable');
    await expect(user.service.acceptDowngrade()).rejects.toThrow(/no older build/);
  });
});
