// Settings → Updates in Debian's Chromium against a real `zkdesk serve` whose update service
// reads a real feed on 127.0.0.1 (written by `release feed build`, halted and resumed by
// `release halt` / `release stage`): a beta tester staged out of a release sees "Get it now" and
// gets it; a halted release gets its own message and no button.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browserLaunch.js';
import { startServe, type ServeProcess } from '../support/zkdeskServe.js';
import { checkScreen, goTo } from '../support/journeys.js';
import { setStaging } from '../../../main/services/updates/release/feedStaging.js';
import { buildFeed } from '../../../main/services/updates/release/feedBuild.js';
import { stagingIdAt, startFeed, tempDir, writeArtifacts, type Feed, devSigner } from '../../integration/updates/feedFixture.js';

describe('updates in a browser (zkdesk serve with an update feed)', () => {
  let feed: Feed;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // What `zkdesk serve` reports as installed: package.json's version.
    const installed = (JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
    feed = await startFeed();
    // Stable offers the installed version; beta a newer one, to the first 10 % only.
    await feed.publish('stable', installed, ['deb']);
    // Release notes as the release team writes them, plus what a hostile feed might slip in.
    await buildFeed({
      signer: devSigner,
      artifactsDir: await writeArtifacts(feed.root, '9.0.0-beta.1', ['deb']),
      feedDir: feed.dir,
      channel: 'beta',
      version: '9.0.0-beta.1',
      stagingPercentage: 10,
      releaseNotes: '## Faster proofs\n\n**Twice as fast** at 2^16.<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">\n',
    });
    const dataDir = await tempDir('e2e-updates');
    // This install sits at 80 % of every rollout: well outside a 10 % one.
    await writeFile(path.join(dataDir, '.updaterId'), stagingIdAt(0.8));
    process.env.ZKDESK_UPDATE_URL = feed.server.url;
    try {
      serve = await startServe(dataDir);
    } finally {
      delete process.env.ZKDESK_UPDATE_URL;
    }
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await feed?.server.close();
  });

  it('offers a staged-out beta tester "Get it now", says so plainly when the release is halted, and gets it on request', async () => {
    const target = { page, dataDir: serve.dataDir, name: 'browser', nativeDialogs: false };
    await goTo(page, 'Settings');
    const updates = page.getByRole('region', { name: 'Updates' });
    await updates.getByRole('radio', { name: /^Beta/ }).check();
    await updates.locator('[data-reason="staged-out"]').waitFor({ timeout: 30_000 });
    expect(await updates.getByText('Version 9.0.0-beta.1 is being rolled out to beta testers in stages').count()).toBe(1);
    const getItNow = updates.getByRole('button', { name: 'Get it now' });
    expect(await getItNow.count()).toBe(1);
    await checkScreen(target, 'settings-update-staged-out');

    await setStaging(feed.dir, 'beta', 0, { action: 'halt', signer: devSigner });
    await updates.getByRole('button', { name: 'Check for updates' }).click();
    await updates.locator('[data-reason="halted"]').waitFor({ timeout: 30_000 });
    expect(await updates.getByText(/was halted by the release team/).count()).toBe(1);
    expect(await updates.getByText(/will not arrive by itself/).count()).toBe(1);
    expect(await updates.getByRole('button', { name: 'Get it now' }).count()).toBe(0);
    await checkScreen(target, 'settings-update-halted');

    await setStaging(feed.dir, 'beta', 10, { signer: devSigner });
    await updates.getByRole('button', { name: 'Check for updates' }).click();
    await getItNow.waitFor({ timeout: 30_000 });
    await getItNow.click();
    await updates.locator('[data-update-kind="available"]').waitFor({ timeout: 30_000 });
    expect(await updates.getByText('Version 9.0.0-beta.1 is available on the beta channel.').count()).toBe(1);
    expect(await updates.getByRole('button', { name: 'Download 9.0.0-beta.1' }).count()).toBe(1);
    // The release notes, before anything is downloaded: markdown rendered, scripts and handlers gone.
    const notes = updates.getByRole('region', { name: 'What is new in 9.0.0-beta.1' });
    expect(await notes.getByRole('heading', { name: 'Faster proofs' }).count()).toBe(1);
    expect(await notes.locator('strong', { hasText: 'Twice as fast' }).count()).toBe(1);
    expect(await notes.locator('script, [onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
