// `zkdesk release simulate` and `release serve`'s feed server on real feeds: what the counts
// mean, refusals with a sentence instead of E_INTERNAL, and a malformed URL answered as one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeed } from '../../../main/services/updates/release/feedBuild.js';
import { startFeedServer } from '../../../main/services/updates/release/feedServer.js';
import { releaseCli, tempDir, writeArtifacts, devSigner } from './feedFixture.js';

async function stagedFeed(percent: number) {
  const dir = await tempDir('simulate');
  const feedDir = path.join(dir, 'feed');
  await buildFeed({ signer: devSigner,  artifactsDir: await writeArtifacts(dir, '1.1.0', ['deb']), feedDir, channel: 'stable', version: '1.1.0', stagingPercentage: percent });
  const simulate = (...args: string[]) => releaseCli(dir, 'simulate', '--installs', '1000', '--beta-share', '0', '--feed', feedDir, ...args);
  return { dir, feedDir, simulate };
}

describe('release simulate', () => {
  it('counts installs already newer than the release as ahead of the channel, not as waiting their turn', async () => {
    const { simulate } = await stagedFeed(10);
    const ahead = JSON.parse((await simulate('--current', '1.2.0', '--json')).stdout).outcomes[0];
    expect(ahead).toMatchObject({ installs: 1000, olderOnChannel: 1000, stagedOut: 0, offered: 0 });
    const behind = JSON.parse((await simulate('--current', '1.0.0', '--json')).stdout).outcomes[0];
    expect(behind.offered + behind.stagedOut).toBe(1000);
    expect(behind.stagedOut).toBeGreaterThan(800);
  });

  it('words staging plainly, and counts a halted release as held back by the halt', async () => {
    const { dir, feedDir, simulate } = await stagedFeed(10);
    const staged = await simulate('--current', '1.0.0');
    expect(staged.stdout).toMatch(/offered 1\.1\.0 \(staged at 10 %\)/);
    await releaseCli(dir, 'stage', '--channel', 'stable', '--percent', '100', '--feed', feedDir);
    const everyone = await simulate('--current', '1.0.0');
    expect(everyone.stdout).toContain('1000 offered 1.1.0 (not staged: offered to everyone)');
    expect(everyone.stdout).not.toContain('(no staging))');
    await releaseCli(dir, 'halt', '--channel', 'stable', '--feed', feedDir);
    const halted = await simulate('--current', '1.0.0');
    expect(halted.stdout).toContain('0 offered 1.1.0 (halted), 0 waiting their turn, 1000 held back by the halt');
  });

  it('refuses a --current that is not a version and an unknown --arch, with a sentence', async () => {
    const { simulate } = await stagedFeed(10);
    const version = await simulate('--current', 'latest');
    expect(version.code).toBe(1);
    expect(version.stderr).toContain('error E_RELEASE_REFUSED: --current latest is not a semantic version');
    const arch = await simulate('--arch', 'bogus');
    expect(arch.code).toBe(1);
    expect(arch.stderr).toContain('Unknown arch "bogus"');
  });
});

describe('the feed server', () => {
  it('answers a malformed URL with 400, not 500', async () => {
    const server = await startFeedServer({ dir: await tempDir('serve') });
    try {
      expect((await fetch(`${server.url}%ZZ`)).status).toBe(400);
      expect((await fetch(`${server.url}missing.yml`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
