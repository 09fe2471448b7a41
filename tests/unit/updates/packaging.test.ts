// electron-builder.yml checked by electron-builder's own loader and schema (packaging itself
// needs an Electron binary, which this machine cannot fetch), plus the fields the release
// process depends on, and the icons it points at.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');
/* eslint-disable @typescript-eslint/no-explicit-any -- electron-builder's loaded configuration, checked field by field below */
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(dir: string, file: string, opts: null): Promise<Record<string, any>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function load(file: string): Promise<Record<string, any>> {
  const config = await getConfig(root, file, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('electron-builder.yml', () => {
  it('passes electron-builder validation and has what releases rely on', async () => {
    const c = await load('electron-builder.yml');
    expect(c.appId).toBe('org.zkdesk.desktop');
    expect(c.productName).toBe('zkdesk');
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.mac.target).toEqual(['dmg', 'zip']);
    expect(c.linux.icon).toBe('resources/icons');
    expect(c.extraResources.map((r: { from: string }) => r.from)).toEqual(['resources/circuits', 'resources/help', 'resources/keys', 'resources/bin', 'dist/native']);
    // The keys folder exists (electron-builder skips a missing one) and says what goes in it.
    expect(readFileSync(path.join(root, 'resources', 'keys', 'README.md'), 'utf8')).toContain('public half goes here');
    expect(c.publish).toMatchObject({ provider: 'generic', url: '${env.ZKDESK_UPDATE_URL}' });
    expect(c.generateUpdatesFilesForAllChannels).toBe(true);
    expect(c.artifactName).toContain('${version}');
  }, 60_000);

  it('names an author, homepage and maintainer (the deb target refuses to build without them), and signs where the environment allows', async () => {
    const c = await load('electron-builder.yml');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { author: { name: string; email: string }; homepage: string };
    expect(pkg.author.email).toMatch(/@/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(c.deb.maintainer).toMatch(/<.+@.+>/);
    expect(c.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'resources/entitlements/mac.plist' });
    expect(readFileSync(path.join(root, c.mac.entitlements), 'utf8')).toContain('com.apple.security.cs.allow-jit');
    expect(c.win.signtoolOptions.signingHashAlgorithms).toEqual(['sha256']);
    expect(c.nsis.differentialPackage).toBe(true);
    expect(c.files[0].filter).toEqual(expect.arrayContaining(['!dist/**/*.map', '!renderer/dist/**/*.map', '!dist/scripts/**']));
  }, 60_000);

  it('sets the fuses the security guide advises, and opens inspect only in the Playwright build', async () => {
    const prod = (await load('electron-builder.yml')).electronFuses;
    expect(prod).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const test = (await load('electron-builder.playwright.yml')).electronFuses;
    expect(test).toEqual({ ...prod, enableNodeCliInspectArguments: true });
  });

  it('points at real 512 and 256 pixel PNG icons', () => {
    for (const size of [512, 256]) {
      const png = readFileSync(path.join(root, 'resources', 'icons', `${size}x${size}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
