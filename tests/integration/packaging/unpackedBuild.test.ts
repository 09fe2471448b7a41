// electron-builder's real unpacked Linux build of this checkout, against a placeholder Electron
// distribution (the Electron binary cannot be downloaded here; fuses need it, so they are off for
// this build only), then opened the way a release engineer would check it: what app.asar holds
// and leaves out, what the resources hold, and where the update config points. The launcher
// script is run from the result, through a symlink as a support engineer would put it on PATH.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { tempDir } from '../updates/feedFixture.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options?: object): string[]; extractFile(archive: string, file: string): Buffer };
const { build, Platform } = require('electron-builder') as typeof import('electron-builder');
const root = path.resolve(import.meta.dirname, '../../..');
const feedUrl = 'https://updates.example.org/zkdesk/';

let unpacked: string;
let resources: string;
let entries: string[];

beforeAll(async () => {
  const work = await tempDir('unpacked-build');
  const electronDist = path.join(work, 'electron-dist');
  await mkdir(electronDist);
  // The placeholder says how it was started, so the launcher test can see the arguments it got.
  await writeFile(path.join(electronDist, 'electron'), '#!/bin/sh\necho "placeholder electron: $*"\n');
  await chmod(path.join(electronDist, 'electron'), 0o755);
  const electronVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const previousUrl = process.env.ZKDESK_UPDATE_URL;
  process.env.ZKDESK_UPDATE_URL = feedUrl;
  try {
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget(['dir']),
      publish: 'never',
      config: {
        extends: path.join(root, 'electron-builder.yml'),
        electronDist,
        electronVersion,
        electronFuses: null,
        directories: { output: path.join(work, 'out') },
      },
    });
  } finally {
    if (previousUrl === undefined) delete process.env.ZKDESK_UPDATE_URL;
    else process.env.ZKDESK_UPDATE_URL = previousUrl;
  }
  unpacked = path.join(work, 'out', 'linux-unpacked');
  resources = path.join(unpacked, 'resources');
  entries = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false });
}, 600_000);

const ours = () => entries.filter((e) => !e.includes('/node_modules/'));

describe('the unpacked Linux build', () => {
  it('holds the built main, renderer, preload and package.json in app.asar, and no sources, tests, maps or build scripts', () => {
    for (const file of ['/package.json', '/dist/main/app/entry.js', '/dist/main/app/main.js', '/dist/main/cli/main.js', '/dist/preload/preload.cjs', '/renderer/dist/index.html']) {
      expect(entries).toContain(file);
    }
    const pkg = JSON.parse(asar.extractFile(path.join(resources, 'app.asar'), 'package.json').toString('utf8')) as { main: string; version: string };
    expect(pkg.main).toBe('dist/main/app/entry.js');
    expect(ours().filter((e) => /\.(ts|tsx|map)$/.test(e))).toEqual([]);
    expect(ours().filter((e) => /^\/(main|renderer\/src|preload|common|native-workers|native-prover|scripts|tests|bench|resources)\//.test(e))).toEqual([]);
    expect(ours().filter((e) => /^\/dist\/(scripts|bench|native)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => /\.key$|PRIVATE/.test(e))).toEqual([]);
  });

  it("holds the target's native prover, the keys, the circuits, the help and the zkdesk launchers in resources", () => {
    if (existsSync(path.join(root, 'dist', 'native', 'zkdesk-groth16'))) {
      expect(statSync(path.join(resources, 'native', 'zkdesk-groth16')).mode & 0o111).not.toBe(0);
    } else {
      console.log('native prover not built here (npm run build:native): its copy in resources/native is not checked');
    }
    // Development package: the development public keys, copied in by afterPack; never a private key.
    const keys = readdirSync(path.join(resources, 'keys', 'development'));
    expect(keys.some((k) => /^feed-signing-[0-9a-f]{16}\.pem$/.test(k))).toBe(true);
    expect(keys.some((k) => /^flags-signing-[0-9a-f]{16}\.pem$/.test(k))).toBe(true);
    expect(keys.filter((k) => !k.endsWith('.pem'))).toEqual([]);
    for (const id of readdirSync(path.join(root, 'resources', 'circuits')).filter((d) => existsSync(path.join(root, 'resources', 'circuits', d, 'manifest.json')))) {
      expect(existsSync(path.join(resources, 'circuits', id, 'manifest.json'))).toBe(true);
    }
    expect(existsSync(path.join(resources, 'help', 'errors', 'E_FEED_SIGNATURE.md'))).toBe(true);
    expect(statSync(path.join(resources, 'bin', 'zkdesk')).mode & 0o111).not.toBe(0);
    expect(existsSync(path.join(resources, 'bin', 'zkdesk.cmd'))).toBe(true);
  });

  it('names the feed in the update config the updater reads', () => {
    expect(yaml.load(readFileSync(path.join(resources, 'app-update.yml'), 'utf8'))).toMatchObject({ provider: 'generic', url: feedUrl });
  });

  it("zkdesk on PATH (a symlink to resources/bin/zkdesk) starts the app's binary in CLI mode with the arguments", async () => {
    const pathDir = await tempDir('path');
    await symlink(path.join(resources, 'bin', 'zkdesk'), path.join(pathDir, 'zkdesk'));
    const { stdout } = await promisify(execFile)('zkdesk', ['doctor', '--json'], { env: { ...process.env, PATH: `${pathDir}:${process.env.PATH}` } });
    expect(stdout.trim()).toBe('placeholder electron: --zkdesk-cli doctor --json');
  });
});
