// flags.json fetched from a real feed server with the update check: verified, cached, and
// a tampered, expired or replayed copy ignored in favour of the last good one.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlagsClient } from '../../../main/services/updates/flags/flagsClient.js';
import { signFlags } from '../../../main/services/updates/flags/flagsSignature.js';
import { generateSigningKeyPair } from '../../../main/services/updates/keys/signingKeys.js';
import type { FlagsPayload } from '../../../main/services/updates/flags/flagsDocument.js';
import { createNodeUpdater } from '../../../main/services/updates/electronUpdaterInNode.js';
import { StagedUpdateService } from '../../../main/services/updates/stagedUpdateService.js';
import { startFeed, tempDir, type Feed, devFeedKeys } from './feedFixture.js';

const keys = generateSigningKeyPair();
const install = { channel: 'stable' as const, internal: false, stagingId: null };
const fetchText = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
};
const payload = (serial: number, over: Partial<FlagsPayload> = {}): FlagsPayload => ({
  schema: 'zkdesk-flags/1',
  serial,
  issuedAt: '2025-01-01T00:00:00.000Z',
  expiresAt: '2099-01-01T00:00:00.000Z',
  flags: { [`feature.v${serial}`]: { enabled: true } },
  killSwitches: { circuits: [], autoUpdate: null },
  ...over,
});

let feed: Feed;
beforeAll(async () => {
  feed = await startFeed();
  await feed.publish('stable', '1.2.0', ['deb']);
});
afterAll(async () => feed.server.close());

async function publishFlags(text: string) {
  await writeFile(path.join(feed.dir, 'flags.json'), text);
}

describe('flags beside the feed', () => {
  it('keeps the last good copy when the next one is tampered, expired or older', async () => {
    const dataDir = await tempDir('flags');
    const client = new FlagsClient({ url: `${feed.server.url}flags.json`, trustedPublicKeysPem: [keys.publicKeyPem], cacheFile: path.join(dataDir, 'cache', 'flags.json'), fetchText });
    await publishFlags(JSON.stringify(signFlags(payload(5), keys.privateKeyPem)));
    expect(await client.refresh(install)).toMatchObject({ source: 'feed', serial: 5, resolved: { enabled: ['feature.v5'] } });

    const signed = signFlags(payload(6), keys.privateKeyPem);
    await publishFlags(JSON.stringify({ ...signed, payload: signed.payload.replace('feature.v6', 'feature.evil') }));
    expect(await client.refresh(install)).toMatchObject({ source: 'cache', serial: 5, problem: { code: 'E_FLAGS_INVALID' } });

    await publishFlags(JSON.stringify(signFlags(payload(7, { expiresAt: '2020-01-01T00:00:00.000Z' }), keys.privateKeyPem)));
    const expired = await client.refresh(install);
    expect(expired).toMatchObject({ source: 'cache', serial: 5 });
    expect(expired.problem?.message).toMatch(/expired/);

    await publishFlags(JSON.stringify(signFlags(payload(4), keys.privateKeyPem)));
    const replay = await client.refresh(install);
    expect(replay).toMatchObject({ source: 'cache', serial: 5 });
    expect(replay.problem?.message).toMatch(/older than the copy already held/);

    // A fresh client (the app restarted) with the feed down still has the cached copy.
    await feed.server.close();
    const restarted = new FlagsClient({ url: `${feed.server.url}flags.json`, trustedPublicKeysPem: [keys.publicKeyPem], cacheFile: path.join(dataDir, 'cache', 'flags.json'), fetchText });
    expect(await restarted.refresh(install)).toMatchObject({ source: 'cache', serial: 5, problem: { code: 'E_UPDATE_UNREACHABLE' } });
    feed = await startFeed();
    await feed.publish('stable', '1.2.0', ['deb']);
  });

  it('stops every update check for the targeted cohort, manual checks and "Get it now" included', async () => {
    await publishFlags(JSON.stringify(signFlags(payload(9, { killSwitches: { circuits: [{ circuitId: 'stress-16', reason: 'bad key' }], autoUpdate: { reason: 'hold everything', cohorts: ['stable'] } } }), keys.privateKeyPem)));
    const dataDir = await tempDir('kill');
    const engine = createNodeUpdater({ trustedFeedKeysPem: devFeedKeys, version: '1.1.0', feedUrl: feed.server.url, userDataDir: dataDir, cacheDir: path.join(dataDir, 'cache') });
    const flags = new FlagsClient({ url: `${feed.server.url}flags.json`, trustedPublicKeysPem: [keys.publicKeyPem], cacheFile: path.join(dataDir, 'cache', 'flags.json'), fetchText });
    const service = new StagedUpdateService({ engine, channel: 'stable', userDataDir: dataDir, flags, autoDownload: true });
    expect(await service.check()).toMatchObject({ kind: 'not-available', reason: 'auto-update-disabled' });
    expect(service.flags().resolved.disabledCircuits).toEqual([{ circuitId: 'stress-16', reason: 'bad key' }]);
    expect(await service.check({ manual: true })).toMatchObject({ kind: 'not-available', reason: 'auto-update-disabled' });
    expect(await service.check({ manual: true, getItNow: true })).toMatchObject({ kind: 'not-available', reason: 'auto-update-disabled' });
    // A cohort the switch does not aim at is offered the release as before.
    const betaDir = await tempDir('kill-beta');
    const betaEngine = createNodeUpdater({ trustedFeedKeysPem: devFeedKeys, version: '1.1.0', feedUrl: feed.server.url, userDataDir: betaDir, cacheDir: path.join(betaDir, 'cache') });
    const betaFlags = new FlagsClient({ url: `${feed.server.url}flags.json`, trustedPublicKeysPem: [keys.publicKeyPem], cacheFile: path.join(betaDir, 'cache', 'flags.json'), fetchText });
    const tester = new StagedUpdateService({ engine: betaEngine, channel: 'beta', userDataDir: betaDir, flags: betaFlags });
    expect(await tester.check({ manual: true })).toMatchObject({ kind: 'available', version: '1.2.0' });
  });
});
