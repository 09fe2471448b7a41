// Channel files are trusted only when signed with a feed key the build ships: electron-updater's
// own updater (in plain Node, through SignedFeedProvider) against a real feed on 127.0.0.1 written
// by `release feed build`, then tampered with the ways an attacker or a careless hand would.
import { copyFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../../main/services/updates/release/feedServer.js';
import { FeedSigner } from '../../../main/services/updates/keys/feedSignature.js';
import { generateSigningKeyPair } from '../../../main/services/updates/keys/signingKeys.js';
import { installOf, releaseCli, startFeed, tempDir, type Feed } from './feedFixture.js';

let feed: Feed;
beforeAll(async () => {
  feed = await startFeed();
  await feed.publish('stable', '1.2.0', ['deb']);
  await feed.publish('beta', '1.3.0-beta.1', ['deb']);
});
afterAll(async () => feed.server.close());

/** A copy of the good feed, changed by `tamper`, served on its own port. */
async function tamperedFeed(tamper: (dir: string) => Promise<void>): Promise<FeedServer> {
  const dir = path.join(await tempDir('tampered'), 'feed');
  await cp(feed.dir, dir, { recursive: true });
  await tamper(dir);
  return startFeedServer({ dir });
}

async function checkAgainst(server: FeedServer, channel: 'stable' | 'beta' = 'stable') {
  const install = await installOf(server.url, '1.1.0', channel);
  const state = await install.service.check({ manual: true });
  const afterDownload = await install.service.download();
  const pending = path.join(install.dataDir, 'cache', 'zkdesk-updater', 'pending');
  const downloaded = await readdir(pending).catch(() => [] as string[]);
  return { state, afterDownload, downloaded };
}

describe('a signed feed', () => {
  it('is read and its installer downloaded when every channel file carries a good signature', async () => {
    const install = await installOf(feed.server.url, '1.1.0', 'stable');
    expect(await install.service.check({ manual: true })).toMatchObject({ kind: 'available', version: '1.2.0' });
    expect(await install.service.download()).toEqual({ kind: 'downloaded', version: '1.2.0' });
  });

  const tampering: [string, string, (dir: string) => Promise<void>][] = [
    ['unsigned', 'is not signed', (dir) => rm(path.join(dir, 'latest-linux.yml.sig'))],
    [
      'edited after signing (version 1.2.0 → 9.9.9)',
      'was changed after it was signed',
      async (dir) => {
        const file = path.join(dir, 'latest-linux.yml');
        await writeFile(file, (await readFile(file, 'utf8')).replace('version: 1.2.0', 'version: 9.9.9'));
      },
    ],
    [
      'signed by a key the app does not ship',
      'signed by a key this app does not trust',
      async (dir) => {
        const stranger = new FeedSigner(generateSigningKeyPair().privateKeyPem);
        const bytes = await readFile(path.join(dir, 'latest-linux.yml'));
        await writeFile(path.join(dir, 'latest-linux.yml.sig'), stranger.sign('latest-linux.yml', bytes));
      },
    ],
    [
      "the beta file and its signature served as stable's",
      'was made for beta-linux.yml',
      async (dir) => {
        await copyFile(path.join(dir, 'beta-linux.yml'), path.join(dir, 'latest-linux.yml'));
        await copyFile(path.join(dir, 'beta-linux.yml.sig'), path.join(dir, 'latest-linux.yml.sig'));
      },
    ],
  ];
  for (const [what, sentence, tamper] of tampering) {
    it(`refuses a channel file ${what} with E_FEED_SIGNATURE and downloads nothing`, async () => {
      const server = await tamperedFeed(tamper);
      try {
        const { state, afterDownload, downloaded } = await checkAgainst(server);
        expect(state).toMatchObject({ kind: 'error', code: 'E_FEED_SIGNATURE' });
        expect(state.kind === 'error' && state.message).toContain(sentence);
        expect(afterDownload.kind).toBe('error');
        expect(downloaded).toEqual([]);
      } finally {
        await server.close();
      }
    });
  }

  it('refuses everything when the build trusts no feed key', async () => {
    const install = await installOf(feed.server.url, '1.1.0', 'stable', { trustedFeedKeysPem: [] });
    expect(await install.service.check({ manual: true })).toMatchObject({ kind: 'error', code: 'E_FEED_SIGNATURE' });
  });
});

describe('release commands and signatures', () => {
  it('verify reports an edited, an unsigned and a wrongly signed file; stage refuses to re-sign an edited one', async () => {
    const dir = path.join(await tempDir('verify-signatures'), 'feed');
    await cp(feed.dir, dir, { recursive: true });
    expect((await releaseCli(dir, 'verify', '--feed', dir)).code).toBe(0);

    const file = path.join(dir, 'latest-linux.yml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('version: 1.2.0', 'version: 9.9.9'));
    await rm(path.join(dir, 'beta-linux.yml.sig'));
    const verified = await releaseCli(dir, 'verify', '--feed', dir);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('PROBLEM latest-linux.yml: latest-linux.yml was changed after it was signed.');
    expect(verified.stdout).toContain('PROBLEM beta-linux.yml: beta-linux.yml is not signed');
    expect(verified.stderr).toContain('E_FEED_INVALID');

    // Re-signing a hand-edited file would launder the edit: stage refuses and changes nothing.
    const before = await readFile(file, 'utf8');
    const staged = await releaseCli(dir, 'stage', '--channel', 'stable', '--percent', '10', '--feed', dir);
    expect(staged.code).toBe(1);
    expect(staged.stderr).toContain('E_FEED_SIGNATURE');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses to write a channel file without a key, and says how to get one', async () => {
    const refused = await releaseCli(feed.root, 'halt', '--channel', 'beta', '--feed', feed.dir, '--key', path.join(feed.root, 'no-such.key'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('E_RELEASE_REFUSED');
    const { releaseCliWith } = await import('./feedFixture.js');
    const unset = await releaseCliWith({ ZKDESK_FEED_KEY: undefined }, feed.root, 'halt', '--channel', 'beta', '--feed', feed.dir);
    expect(unset.stderr).toContain('Channel files are signed: pass --key');
  });

  it('feed keygen writes a feed key pair the commands sign with and verify checks', async () => {
    const out = path.join(await tempDir('feed-keys'), 'keys');
    expect((await releaseCli(feed.root, 'feed', 'keygen', '--out', out)).code).toBe(0);
    const names = await readdir(out);
    expect(names).toContain('feed-signing.key');
    const publicName = names.find((n) => n.endsWith('.pem'));
    expect(publicName).toMatch(/^feed-signing-[0-9a-f]{16}\.pem$/);
    const artifacts = path.join(feed.root, `artifacts-1.2.0-deb`);
    const own = path.join(await tempDir('own-feed'), 'feed');
    const built = await releaseCli(feed.root, 'feed', 'build', '--artifacts', artifacts, '--channel', 'stable', '--version', '1.2.0', '--feed', own, '--key', path.join(out, 'feed-signing.key'));
    expect(built.code).toBe(0);
    expect((await releaseCli(feed.root, 'verify', '--feed', own, '--public-key', path.join(out, publicName!))).code).toBe(0);
    // The development key did not sign it, so a check against it fails.
    expect((await releaseCli(feed.root, 'verify', '--feed', own)).stdout).toContain('signed by a key this app does not trust');
  });
});
