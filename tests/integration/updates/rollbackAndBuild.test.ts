// `zkdesk release rollback` and `feed build` through the CLI on real temp feeds: the version a
// rollback republishes under, which files it halts, refusals that change nothing, and a feed
// build that matches the version exactly and writes nothing when any channel file refuses it.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { releaseCli, tempDir, writeArtifacts } from './feedFixture.js';

const staging = async (dir: string, name: string) =>
  (yaml.load(await readFile(path.join(dir, name), 'utf8')) as { stagingPercentage?: number }).stagingPercentage ?? null;

/** Every file in the feed with its bytes: a refused command must leave this exactly as it was. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = (await readFile(path.join(dir, name))).toString('base64');
  return out;
}

async function feedWith(prefix: string) {
  const dir = await tempDir(prefix);
  const feedDir = path.join(dir, 'feed');
  const cli = (...args: string[]) => releaseCli(dir, ...args, '--feed', feedDir);
  const build = async (channel: string, version: string, kinds: Parameters<typeof writeArtifacts>[2] = ['deb', 'exe'], extra: string[] = []) => {
    const result = await cli('feed', 'build', '--artifacts', await writeArtifacts(dir, version, kinds), '--channel', channel, '--version', version, ...extra);
    expect(result, result.stderr).toMatchObject({ code: 0 });
  };
  return { dir, feedDir, cli, build };
}

describe('release rollback', () => {
  it('after a beta was promoted to stable, rebuilds the good one above the release part of everything published (0.3.0-beta.1 → 0.3.1)', async () => {
    const f = await feedWith('rollback-prerelease');
    await f.build('stable', '0.2.0');
    await f.build('beta', '0.3.0-beta.1');
    const promoted = await f.cli('promote', '--from', 'beta', '--to', 'stable');
    expect(promoted).toMatchObject({ code: 0 });
    expect(promoted.stderr).toContain('warning: 0.3.0-beta.1 is a prerelease version and is now on stable');

    const plan = await f.cli('rollback', '--channel', 'stable', '--to', '0.2.0');
    expect(plan).toMatchObject({ code: 0 });
    expect(plan.stdout).toContain('Rebuild 0.2.0 as 0.3.1');
    expect(plan.stdout).not.toContain('as 0.3.0,');
    // 0.3.0 is the final release still to come; publishing the rollback as 0.3.0 is refused.
    const stealing = await f.cli('rollback', '--channel', 'stable', '--to', '0.2.0', '--artifacts', await writeArtifacts(f.dir, '0.3.0', ['deb', 'exe']), '--version', '0.3.0');
    expect(stealing.code).toBe(1);
    expect(stealing.stderr).toContain('0.3.0 is below 0.3.1');
  });

  it('halts only the files that are not on the good version, and does not call the good version bad', async () => {
    const f = await feedWith('rollback-mixed');
    await f.build('beta', '0.3.0-beta.1');
    expect((await f.cli('promote', '--from', 'beta', '--to', 'stable')).code).toBe(0);
    // Linux gets the final 0.3.0; Windows is still on the promoted beta build.
    await f.build('stable', '0.3.0', ['deb']);
    const result = await f.cli('rollback', '--channel', 'stable', '--to', '0.3.0', '--json');
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const json = JSON.parse(result.stdout) as { badVersions: string[]; badFiles: string[] };
    expect(json.badVersions).toEqual(['0.3.0-beta.1']);
    expect(json.badFiles).toEqual(['latest.yml']);
    expect(await staging(f.feedDir, 'latest.yml')).toBe(0);
    expect(await staging(f.feedDir, 'latest-linux.yml')).toBeNull();
  });

  it('refuses rebuilt installers that miss a platform it would leave halted, and changes nothing, not even the halt', async () => {
    const f = await feedWith('rollback-coverage');
    await f.build('stable', '1.0.0');
    await f.build('stable', '1.1.0');
    const before = await snapshot(f.feedDir);
    const linuxOnly = await writeArtifacts(f.dir, '1.1.1', ['deb']);
    const refused = await f.cli('rollback', '--channel', 'stable', '--to', '1.0.0', '--artifacts', linuxOnly, '--version', '1.1.1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error E_RELEASE_REFUSED');
    expect(refused.stderr).toContain('latest.yml (Windows)');
    expect(await snapshot(f.feedDir)).toEqual(before);

    const everything = await writeArtifacts(f.dir, '1.1.1', ['deb', 'exe']);
    const done = await f.cli('rollback', '--channel', 'stable', '--to', '1.0.0', '--artifacts', everything, '--version', '1.1.1');
    expect(done, done.stderr).toMatchObject({ code: 0 });
    // Running it again does not take the rebuild for a bad release.
    const again = await f.cli('rollback', '--channel', 'stable', '--to', '1.0.0');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already offers 1.1.1');
    expect(await staging(f.feedDir, 'latest-linux.yml')).toBeNull();
  });
});

describe('release feed build', () => {
  it('refuses --version 0.3.0 for installers of 0.3.0-beta.1 (the version must match exactly)', async () => {
    const f = await feedWith('build-exact');
    const beta = await writeArtifacts(f.dir, '0.3.0-beta.1', ['AppImage']);
    const refused = await f.cli('feed', 'build', '--artifacts', beta, '--channel', 'stable', '--version', '0.3.0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('zkdesk-0.3.0-beta.1-linux-x86_64.AppImage does not carry version 0.3.0');
    const right = await f.cli('feed', 'build', '--artifacts', beta, '--channel', 'beta', '--version', '0.3.0-beta.1');
    expect(right, right.stderr).toMatchObject({ code: 0 });
  });

  it('checks every channel file before writing any: a refused build leaves the feed as it was', async () => {
    const f = await feedWith('build-atomic');
    await f.build('stable', '1.0.0', ['AppImage']);
    await f.build('stable', '1.1.0', ['exe']);
    const before = await snapshot(f.feedDir);
    // latest-linux.yml (1.0.0) would take 1.0.5, latest.yml (1.1.0) refuses it.
    const artifacts = path.join(f.dir, 'mixed');
    await mkdir(artifacts);
    await writeFile(path.join(artifacts, 'zkdesk-1.0.5-linux-x86_64.AppImage'), 'linux 1.0.5');
    await writeFile(path.join(artifacts, 'zkdesk-1.0.5-win-x64.exe'), 'windows 1.0.5');
    const refused = await f.cli('feed', 'build', '--artifacts', artifacts, '--channel', 'stable', '--version', '1.0.5');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('latest.yml already offers 1.1.0');
    expect(await snapshot(f.feedDir)).toEqual(before);
  });
});
