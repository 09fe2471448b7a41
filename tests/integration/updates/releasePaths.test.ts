// The release path bugs found by trying a release as a release engineer would, each against a real
// feed on 127.0.0.1 and electron-updater's own updater in Node.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { buildFeed } from '../../../main/services/updates/release/feedBuild.js';
import { verifyFeed } from '../../../main/services/updates/release/feedVerify.js';
import { createNodeUpdateService } from '../../../main/services/updates/nodeUpdateService.js';
import type { ZkError } from '../../../common/errors.js';
import { devFeedKeys, devSigner, installOf, releaseCli, startFeed, tempDir, writeArtifacts, type Feed } from './feedFixture.js';

let feed: Feed;
beforeAll(async () => {
  feed = await startFeed();
});
afterAll(async () => feed.server.close());

async function artifactsNamed(version: string, names: string[]): Promise<string> {
  const dir = path.join(await tempDir('named'), `artifacts-${version}`);
  await mkdir(dir, { recursive: true });
  for (const name of names) await writeFile(path.join(dir, name), Buffer.alloc(40_000, `${name}:`));
  return dir;
}

const stagingOf = async (dir: string, name: string) => (yaml.load(await readFile(path.join(dir, name), 'utf8')) as { stagingPercentage?: number }).stagingPercentage;

describe('release path', () => {
  it("gives a second machine's new arch the channel's current percentage, not 100 %", async () => {
    const dir = path.join(await tempDir('second-arch'), 'feed');
    await buildFeed({ signer: devSigner, artifactsDir: await writeArtifacts(dir, '2.0.0', ['deb']), feedDir: dir, channel: 'beta', version: '2.0.0', stagingPercentage: 0 });
    await buildFeed({ signer: devSigner, artifactsDir: await writeArtifacts(dir, '2.0.0', ['arm64.deb']), feedDir: dir, channel: 'beta', version: '2.0.0' });
    expect(await stagingOf(dir, 'beta-linux.yml')).toBe(0);
    expect(await stagingOf(dir, 'beta-linux-arm64.yml')).toBe(0);
    // A stable release's beta copies follow beta's own number the same way.
    await buildFeed({ signer: devSigner, artifactsDir: await writeArtifacts(dir, '2.0.1', ['deb']), feedDir: dir, channel: 'stable', version: '2.0.1', stagingPercentage: 25 });
    await buildFeed({ signer: devSigner, artifactsDir: await writeArtifacts(dir, '2.0.1', ['arm64.deb']), feedDir: dir, channel: 'stable', version: '2.0.1' });
    expect(await stagingOf(dir, 'latest-linux-arm64.yml')).toBe(25);
    expect(await stagingOf(dir, 'beta-linux-arm64.yml')).toBe(25);
  });

  it('names 32-bit ARM Linux files -arm, as electron-updater asks for them, and a 32-bit ARM install finds its release', async () => {
    const dir = feed.dir;
    const changes = await buildFeed({
      signer: devSigner,
      artifactsDir: await artifactsNamed('3.0.0', ['zkdesk_3.0.0_armhf.deb', 'zkdesk-3.0.0-linux-armv7l.AppImage', 'zkdesk_3.0.0_amd64.deb']),
      feedDir: dir,
      channel: 'stable',
      version: '3.0.0',
    });
    expect(changes.map((c) => c.fileName).sort()).toEqual(['beta-linux-arm.yml', 'beta-linux.yml', 'latest-linux-arm.yml', 'latest-linux.yml']);
    const previous = process.env.TEST_UPDATER_ARCH;
    process.env.TEST_UPDATER_ARCH = 'arm'; // electron-updater's own switch: what process.arch says on 32-bit ARM
    try {
      const install = await installOf(feed.server.url, '2.9.0', 'stable');
      expect(await install.service.check({ manual: true })).toMatchObject({ kind: 'available', version: '3.0.0' });
    } finally {
      if (previous === undefined) delete process.env.TEST_UPDATER_ARCH;
      else process.env.TEST_UPDATER_ARCH = previous;
    }
  });

  it('verify refuses a version that does not match the installers, and reports a missing channel file', async () => {
    const dir = path.join(await tempDir('verify-version'), 'feed');
    await buildFeed({ signer: devSigner, artifactsDir: await writeArtifacts(dir, '1.4.0', ['deb']), feedDir: dir, channel: 'stable', version: '1.4.0' });
    // A beta-only arch: beta-linux-arm64.yml with no latest-linux-arm64.yml beside it.
    await buildFeed({ signer: devSigner, artifactsDir: await writeArtifacts(dir, '1.5.0-beta.1', ['arm64.deb']), feedDir: dir, channel: 'beta', version: '1.5.0-beta.1' });
    // latest-linux.yml says 9.9.9 but lists the 1.4.0 installer, re-signed (a release tool bug, not a forgery).
    const file = path.join(dir, 'latest-linux.yml');
    const edited = (await readFile(file, 'utf8')).replace('version: 1.4.0', 'version: 9.9.9');
    await writeFile(file, edited);
    await writeFile(`${file}.sig`, devSigner.sign('latest-linux.yml', Buffer.from(edited)));
    const report = await verifyFeed(dir, { trustedFeedKeys: devFeedKeys });
    expect(report.problems).toContainEqual({
      file: 'latest-linux.yml',
      problem: 'says version 9.9.9 but lists zkdesk_1.4.0_amd64.deb, which is not that version: installs would be offered it again after every update',
    });
    expect(report.problems.find((p) => p.file === 'latest-linux-arm64.yml')?.problem).toMatch(/^missing: beta-linux-arm64.yml serves this platform and arch/);
    const cli = await releaseCli(dir, 'verify', '--feed', dir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('PROBLEM latest-linux-arm64.yml: missing');
  });

  it('publishes the .blockmap files electron-builder writes beside the installers, and the AppImage blockMapSize it recorded', async () => {
    const dir = path.join(await tempDir('blockmaps'), 'feed');
    const artifacts = await artifactsNamed('1.6.0', ['zkdesk-1.6.0-win-x64.exe', 'zkdesk-1.6.0-linux-x86_64.AppImage']);
    await writeFile(path.join(artifacts, 'zkdesk-1.6.0-win-x64.exe.blockmap'), 'gzipped block map');
    const { sha512Base64 } = await import('../../../main/services/updates/release/artifactScan.js');
    const appImageSha = await sha512Base64(path.join(artifacts, 'zkdesk-1.6.0-linux-x86_64.AppImage'));
    await writeFile(path.join(artifacts, 'latest-linux.yml'), yaml.dump({ version: '1.6.0', files: [{ url: 'zkdesk-1.6.0-linux-x86_64.AppImage', sha512: appImageSha, size: 40_000, blockMapSize: 1234 }] }));
    await buildFeed({ signer: devSigner, artifactsDir: artifacts, feedDir: dir, channel: 'stable', version: '1.6.0' });
    expect(await readFile(path.join(dir, 'zkdesk-1.6.0-win-x64.exe.blockmap'), 'utf8')).toBe('gzipped block map');
    const linux = yaml.load(await readFile(path.join(dir, 'latest-linux.yml'), 'utf8')) as { files: { blockMapSize?: number }[] };
    expect(linux.files[0]?.blockMapSize).toBe(1234);
  });
});

describe('the headless host', () => {
  it('downloads and checks a release, then says plainly it cannot install it, and logs every failure', async () => {
    const dir = path.join(await tempDir('host-feed'), 'feed');
    await buildFeed({ signer: devSigner, artifactsDir: await writeArtifacts(dir, '7.0.0', ['deb']), feedDir: dir, channel: 'stable', version: '7.0.0' });
    const { startFeedServer } = await import('../../../main/services/updates/release/feedServer.js');
    const server = await startFeedServer({ dir });
    try {
      const dataDir = await tempDir('host-data');
      const service = await createNodeUpdateService({ version: '6.0.0', feedUrl: server.url, dataDir, trustedFlagKeysPem: [], trustedFeedKeysPem: devFeedKeys });
      const failures: ZkError[] = [];
      service.onFailure((e) => failures.push(e));
      expect(service.canInstall).toBe(false);
      expect(await service.check({ manual: true })).toMatchObject({ kind: 'available', version: '7.0.0' });
      expect(await service.download()).toEqual({ kind: 'downloaded', version: '7.0.0' });
      expect(() => service.installAndRestart()).toThrow(expect.objectContaining({ code: 'E_UPDATE_NOT_INSTALLABLE' }));
      expect(failures.map((f) => f.code)).toEqual(['E_UPDATE_NOT_INSTALLABLE']);
    } finally {
      await server.close();
    }
  });
});
