// `zkdesk release …` on real files: merging arches, refusing what would hurt clients,
// staging, halting, promoting, rolling back, verifying, simulating, and the CLI itself.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { buildFeed } from '../../../main/services/updates/release/feedBuild.js';
import { setStaging } from '../../../main/services/updates/release/feedStaging.js';
import { promoteRelease } from '../../../main/services/updates/release/feedPromote.js';
import { rollbackRelease } from '../../../main/services/updates/release/feedRollback.js';
import { verifyFeed } from '../../../main/services/updates/release/feedVerify.js';
import { simulateRollout } from '../../../main/services/updates/release/rolloutSimulation.js';
import { tempDir, writeArtifacts, devSigner, devFeedKeys, devFeedKeyFile } from './feedFixture.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field below
const readYml = async (dir: string, name: string) => yaml.load(await readFile(path.join(dir, name), 'utf8')) as Record<string, any>;

describe('feed build', () => {
  it('merges a second arch of the same version instead of replacing the first', async () => {
    const dir = await tempDir('merge');
    const feedDir = path.join(dir, 'feed');
    await buildFeed({ signer: devSigner,  artifactsDir: await writeArtifacts(dir, '1.0.0', ['exe']), feedDir, channel: 'stable', version: '1.0.0' });
    const arm = path.join(dir, 'arm');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(arm);
    await writeFile(path.join(arm, 'zkdesk-1.0.0-win-arm64.exe'), 'arm64 build');
    await buildFeed({ signer: devSigner,  artifactsDir: arm, feedDir, channel: 'stable', version: '1.0.0' });
    const latest = await readYml(feedDir, 'latest.yml');
    expect(latest.files.map((f: { url: string }) => f.url).sort()).toEqual(['zkdesk-1.0.0-win-arm64.exe', 'zkdesk-1.0.0-win-x64.exe']);
    // A stable release also reaches beta, as generateUpdatesFilesForAllChannels does.
    expect((await readYml(feedDir, 'beta.yml')).version).toBe('1.0.0');
    expect((await verifyFeed(feedDir, { trustedFeedKeys: devFeedKeys })).problems).toEqual([]);
  });

  it('writes one Linux channel file per arch, with sha512, size and notes', async () => {
    const dir = await tempDir('linux');
    const feedDir = path.join(dir, 'feed');
    await buildFeed({ signer: devSigner,  artifactsDir: await writeArtifacts(dir, '2.0.0-beta.1', ['deb', 'AppImage', 'arm64.deb']), feedDir, channel: 'beta', version: '2.0.0-beta.1', releaseNotes: 'Faster proofs' });
    const x64 = await readYml(feedDir, 'beta-linux.yml');
    const arm = await readYml(feedDir, 'beta-linux-arm64.yml');
    expect(x64.files).toHaveLength(2);
    expect(arm.files.map((f: { url: string }) => f.url)).toEqual(['zkdesk_2.0.0-beta.1_arm64.deb']);
    expect(x64).toMatchObject({ version: '2.0.0-beta.1', releaseNotes: 'Faster proofs' });
    expect(x64.files[0].sha512).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  });

  it('refuses an older version, a stale installer and a replaced published installer', async () => {
    const dir = await tempDir('refuse');
    const feedDir = path.join(dir, 'feed');
    await buildFeed({ signer: devSigner,  artifactsDir: await writeArtifacts(dir, '1.1.0', ['deb']), feedDir, channel: 'stable', version: '1.1.0' });
    await expect(buildFeed({ signer: devSigner,  artifactsDir: await writeArtifacts(dir, '1.0.0', ['deb']), feedDir, channel: 'stable', version: '1.0.0' })).rejects.toThrow(/move the channel back/);
    await expect(buildFeed({ signer: devSigner,  artifactsDir: await writeArtifacts(dir, '1.0.0', ['deb']), feedDir, channel: 'stable', version: '1.2.0' })).rejects.toThrow(/does not carry version 1.2.0/);
    const again = await writeArtifacts(dir, '1.1.0', ['exe']);
    await writeFile(path.join(again, 'zkdesk_1.1.0_amd64.deb'), 'different bytes');
    await expect(buildFeed({ signer: devSigner,  artifactsDir: again, feedDir, channel: 'stable', version: '1.1.0' })).rejects.toThrow(/never replaced/);
  });
});

describe('stage, halt, promote, rollback, verify, simulate', () => {
  it('walks a release from beta to stable and back', async () => {
    const dir = await tempDir('walk');
    const feedDir = path.join(dir, 'feed');
    await buildFeed({ signer: devSigner,  artifactsDir: await writeArtifacts(dir, '1.0.0', ['deb', 'exe']), feedDir, channel: 'stable', version: '1.0.0' });
    await buildFeed({ signer: devSigner,  artifactsDir: await writeArtifacts(dir, '1.1.0', ['deb', 'exe']), feedDir, channel: 'beta', version: '1.1.0', stagingPercentage: 0 });

    await expect(promoteRelease({ signer: devSigner,  feedDir, from: 'beta', to: 'stable' })).rejects.toThrow(/halted/);
    const staged = await setStaging(feedDir, 'beta', 25, { signer: devSigner });
    expect(staged.map((c) => [c.fileName, c.from, c.to])).toEqual([['beta-linux.yml', 0, 25], ['beta.yml', 0, 25]]);

    const sim = await simulateRollout({ feedDir, installs: 10000, betaPercent: 100, currentVersion: '1.0.0', platform: 'linux', arch: 'x64' });
    const beta = sim.find((o) => o.channel === 'beta')!;
    expect(beta.offered + beta.stagedOut).toBe(10000);
    expect(beta.offered).toBeGreaterThan(2300);
    expect(beta.offered).toBeLessThan(2700);

    await setStaging(feedDir, 'beta', 100, { signer: devSigner });
    const promoted = await promoteRelease({ signer: devSigner,  feedDir, from: 'beta', to: 'stable', stagingPercentage: 10 });
    expect(promoted.map((c) => [c.toFile, c.replaced, c.version])).toEqual([['latest-linux.yml', '1.0.0', '1.1.0'], ['latest.yml', '1.0.0', '1.1.0']]);
    const latest = await readYml(feedDir, 'latest-linux.yml');
    const betaFile = await readYml(feedDir, 'beta-linux.yml');
    expect(latest.files).toEqual(betaFile.files);
    expect(latest.stagingPercentage).toBe(10);

    // 1.1.0 turns out bad on stable: halt, then republish 1.0.0 rebuilt as 1.1.1.
    const plan = await rollbackRelease({ signer: devSigner,  feedDir, channel: 'stable', to: '1.0.0' });
    expect(plan.republishAs).toBe('1.1.1');
    expect((await readYml(feedDir, 'latest-linux.yml')).stagingPercentage).toBe(0);
    await expect(rollbackRelease({ signer: devSigner,  feedDir, channel: 'stable', to: '0.9.0' })).rejects.toThrow(/never published/);
    await expect(
      rollbackRelease({ signer: devSigner,  feedDir, channel: 'stable', to: '1.0.0', artifactsDir: await writeArtifacts(dir, '1.0.0', ['deb']), version: '1.0.0' }),
    ).rejects.toThrow(/not above 1.1.0/);
    const done = await rollbackRelease({ signer: devSigner,  feedDir, channel: 'stable', to: '1.0.0', artifactsDir: await writeArtifacts(dir, '1.1.1', ['deb', 'exe']), version: '1.1.1' });
    expect(done.published?.find((c) => c.fileName === 'latest-linux.yml')).toMatchObject({ previousVersion: '1.1.0', version: '1.1.1' });
    expect((await readYml(feedDir, 'latest-linux.yml')).releaseNotes).toContain('the 1.0.0 build, republished as 1.1.1');

    expect((await verifyFeed(feedDir, { trustedFeedKeys: devFeedKeys })).problems).toEqual([]);
    await writeFile(path.join(feedDir, 'zkdesk_1.1.1_amd64.deb'), 'swapped after publishing');
    const report = await verifyFeed(feedDir, { trustedFeedKeys: devFeedKeys });
    expect(report.problems.map((p) => p.problem).join('\n')).toMatch(/zkdesk_1.1.1_amd64.deb is \d+ bytes/);
  });
});

describe('the zkdesk release CLI', () => {
  it('refuses --percent 0.1 with the reason and exit code 1, and stages --percent 10', async () => {
    const dir = await tempDir('cli');
    const feedDir = path.join(dir, 'feed');
    const artifacts = await writeArtifacts(dir, '3.0.0', ['deb']);
    const cli = (...args: string[]) =>
      run(process.execPath, [path.join(root, 'bin', 'zkdesk.js'), 'release', ...args], { cwd: dir, env: { ...process.env, ZKDESK_FEED_KEY: devFeedKeyFile } });
    await cli('feed', 'build', '--artifacts', artifacts, '--channel', 'stable', '--version', '3.0.0', '--feed', feedDir);
    const refused = await cli('stage', '--channel', 'stable', '--percent', '0.1', '--feed', feedDir).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('would mean 0.1 %, not 10 %');
    const staged = await cli('stage', '--channel', 'stable', '--percent', '10', '--feed', feedDir);
    expect(staged.stdout).toContain('latest-linux.yml 3.0.0: 100 % (no staging) → 10 %');
    const sim = await cli('simulate', '--installs', '10000', '--beta-share', '0', '--feed', feedDir, '--json');
    const outcome = JSON.parse(sim.stdout).outcomes[0];
    expect(outcome).toMatchObject({ channel: 'stable', installs: 10000, latestVersion: '3.0.0', stagingPercentage: 10 });
    expect(outcome.offered).toBeGreaterThan(850);
    expect(outcome.offered).toBeLessThan(1150);
    const verified = await cli('verify', '--feed', feedDir);
    expect(verified.stdout).toContain('latest-linux.yml: 3.0.0, 1 file(s), 10 %');
  });
});
