// The flags signing key from `release flags keygen` to a trusted key in the app: the public key
// keygen writes is one the app's key folder takes (and electron-builder.yml ships), a flags.json
// signed with the private key is accepted through it, the public key handed to `flags sign` is
// refused with a sentence, and an install marked internal in its settings gets internal flags.
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { readTrustedKeys } from '../../../main/services/updates/keys/trustedKeys.js';
import { createNodeUpdateService } from '../../../main/services/updates/nodeUpdateService.js';
import { releaseCli, startFeed, tempDir, type Feed, devFeedKeys } from './feedFixture.js';

const require = createRequire(import.meta.url);
const { minimatch } = require('minimatch') as { minimatch: (name: string, pattern: string) => boolean };
const root = path.resolve(import.meta.dirname, '../../..');

let feed: Feed;
let keysOut: string;
let appKeys: string;
beforeAll(async () => {
  feed = await startFeed();
  await feed.publish('stable', '1.2.0', ['deb']);
  keysOut = path.join(feed.root, 'release-keys');
  expect((await releaseCli(feed.root, 'flags', 'keygen', '--out', keysOut)).code).toBe(0);
  // What the runbook says to do: copy the public key into the app's key folder.
  appKeys = path.join(feed.root, 'app-resources', 'keys');
  await mkdir(appKeys, { recursive: true });
  for (const name of await readdir(keysOut)) if (name.endsWith('.pem')) await copyFile(path.join(keysOut, name), path.join(appKeys, name));
});
afterAll(async () => feed.server.close());

const payload = (over: Record<string, unknown> = {}) => ({
  schema: 'zkdesk-flags/1',
  serial: 1,
  issuedAt: '2025-06-01T12:00:00+02:00',
  expiresAt: '2099-06-01T12:00:00+02:00',
  flags: { 'team.preview': { enabled: true, cohorts: ['internal'] }, 'everyone.on': { enabled: true } },
  killSwitches: { circuits: [], autoUpdate: null },
  ...over,
});

describe('the flags signing key', () => {
  it('keygen writes the public key as a .pem the app and the packaging filter take, and keeps the private key out of both', async () => {
    const names = (await readdir(keysOut)).sort();
    expect(names).toHaveLength(2);
    const publicName = names.find((n) => n.endsWith('.pem'));
    expect(publicName).toMatch(/^flags-signing-[0-9a-f]{16}\.pem$/);
    expect(names).toContain('flags-signing.key');
    expect(readTrustedKeys(keysOut, 'flags').pems).toHaveLength(1);
    const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { extraResources: { from: string; filter: string[] }[] };
    const keys = config.extraResources.find((r) => r.from === 'resources/keys');
    expect(keys?.filter.some((pattern) => minimatch(publicName!, pattern))).toBe(true);
    expect(keys?.filter.some((pattern) => minimatch('flags-signing.key', pattern))).toBe(false);
    // A private key renamed to .pem and dropped in the folder is not trusted.
    const careless = await tempDir('careless-keys');
    await copyFile(path.join(keysOut, 'flags-signing.key'), path.join(careless, 'oops.pem'));
    expect(readTrustedKeys(careless, 'flags')).toEqual({ pems: [], skipped: [{ file: 'oops.pem', reason: 'a private key; only public keys belong here' }] });
  });

  it('a flags.json signed with the private key (offset times included) is accepted through the copied public key', async () => {
    const payloadFile = path.join(feed.root, 'payload.json');
    await writeFile(payloadFile, JSON.stringify(payload()));
    const signed = await releaseCli(feed.root, 'flags', 'sign', '--in', payloadFile, '--key', path.join(keysOut, 'flags-signing.key'), '--out', path.join(feed.dir, 'flags.json'));
    expect(signed, signed.stderr).toMatchObject({ code: 0 });
    const dataDir = await tempDir('trusted');
    const service = await createNodeUpdateService({ trustedFeedKeysPem: devFeedKeys, version: '1.1.0', feedUrl: feed.server.url, dataDir, trustedFlagKeysPem: readTrustedKeys(appKeys, 'flags').pems });
    await service.check({ manual: true });
    expect(service.flags()).toMatchObject({ source: 'feed', serial: 1, problem: null, resolved: { enabled: ['everyone.on'] } });
  });

  it('an install marked internal in its settings gets the flags aimed at the internal cohort', async () => {
    const dataDir = await tempDir('internal');
    await writeFile(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ installId: '0b6f1c9e-6a51-4d7e-9a1f-3c2b1a0f9e8d', updateChannel: 'stable', internalCohort: true }),
    );
    const service = await createNodeUpdateService({ trustedFeedKeysPem: devFeedKeys, version: '1.1.0', feedUrl: feed.server.url, dataDir, trustedFlagKeysPem: readTrustedKeys(appKeys, 'flags').pems });
    await service.check({ manual: true });
    expect(service.flags().resolved.enabled).toEqual(['everyone.on', 'team.preview']);
  });

  it('flags sign handed the public key says so (E_FLAGS_INVALID), instead of an OpenSSL decoder error', async () => {
    const payloadFile = path.join(feed.root, 'payload-2.json');
    await writeFile(payloadFile, JSON.stringify(payload({ serial: 2 })));
    const publicKey = (await readdir(keysOut)).find((n) => n.endsWith('.pem'))!;
    const refused = await releaseCli(feed.root, 'flags', 'sign', '--in', payloadFile, '--key', path.join(keysOut, publicKey), '--out', path.join(feed.root, 'never.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error E_FLAGS_INVALID: That is the public key; flags are signed with the private key');
    expect(refused.stderr).not.toContain('DECODER');
  });
});
