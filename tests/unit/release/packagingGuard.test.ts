// The production packaging guard electron-builder runs before packing (beforePack) and after
// (afterPack): refused without production feed and flags keys or an https feed; development
// builds get the development keys, production builds never do.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { afterPack, beforePack, productionKeyProblems } from '../../../scripts/release/packagingGuard.js';
import { generateSigningKeyPair, publicKeyFileName } from '../../../main/services/updates/keys/signingKeys.js';

const root = path.resolve(import.meta.dirname, '../../..');

function project(): { dir: string; keys: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zkdesk-guard-'));
  const keys = path.join(dir, 'resources', 'keys');
  mkdirSync(path.join(keys, 'development'), { recursive: true });
  for (const name of readdirSync(path.join(root, 'resources', 'keys', 'development'))) {
    copyFileSync(path.join(root, 'resources', 'keys', 'development', name), path.join(keys, 'development', name));
  }
  return { dir, keys };
}

function addKey(keys: string, purpose: 'feed' | 'flags'): void {
  const pair = generateSigningKeyPair();
  writeFileSync(path.join(keys, publicKeyFileName(purpose, pair.keyId)), pair.publicKeyPem);
}

const context = (dir: string, out: string) => ({ appOutDir: out, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'zkdesk' }, info: { projectDir: dir } } });

afterEach(() => {
  delete process.env.ZKDESK_RELEASE;
});

describe('production packaging', () => {
  const https = { ZKDESK_UPDATE_URL: 'https://updates.example.org/zkdesk/' };

  it('is refused with only the development keys, with one production key, or over http', () => {
    const { keys } = project();
    expect(productionKeyProblems(keys, https)).toEqual([
      expect.stringContaining('no production feed public key'),
      expect.stringContaining('no production flags public key'),
    ]);
    // A development key copied to the top level is still a development key.
    const dev = readdirSync(path.join(keys, 'development')).find((n) => n.startsWith('feed-signing-'))!;
    copyFileSync(path.join(keys, 'development', dev), path.join(keys, dev));
    addKey(keys, 'flags');
    expect(productionKeyProblems(keys, https)).toEqual([expect.stringContaining('no production feed public key')]);
    addKey(keys, 'feed');
    expect(productionKeyProblems(keys, https)).toEqual([]);
    expect(productionKeyProblems(keys, { ZKDESK_UPDATE_URL: 'http://updates.example.org/' })).toEqual([expect.stringContaining('https://')]);
  });

  it('beforePack refuses a production build without its keys and lets a development build through', async () => {
    const { dir } = project();
    const out = path.join(dir, 'out');
    await expect(beforePack(context(dir, out))).resolves.toBeUndefined();
    process.env.ZKDESK_RELEASE = 'production';
    await expect(beforePack(context(dir, out))).rejects.toThrow(/refusing to package a production release/);
  });

  it('afterPack gives a development build the development keys and a production build none', async () => {
    const { dir } = project();
    const out = path.join(dir, 'out');
    await afterPack(context(dir, out));
    expect(readdirSync(path.join(out, 'resources', 'keys', 'development')).sort()).toEqual(readdirSync(path.join(root, 'resources', 'keys', 'development')).filter((n) => n.endsWith('.pem')).sort());
    process.env.ZKDESK_RELEASE = 'production';
    await afterPack(context(dir, out));
    expect(existsSync(path.join(out, 'resources', 'keys', 'development'))).toBe(false);
  });

  it('electron-builder.yml runs both hooks and ships only top-level .pem keys', () => {
    const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { beforePack: string; afterPack: string; extraResources: { from: string; filter: string[] }[] };
    expect(config.beforePack).toBe('./dist/scripts/release/packagingGuard.js');
    expect(config.afterPack).toBe('./dist/scripts/release/packagingGuard.js');
    expect(config.extraResources.find((r) => r.from === 'resources/keys')?.filter).toEqual(['*.pem']);
  });
});
