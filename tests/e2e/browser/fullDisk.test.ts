// The app on a data directory whose disk fills up (a real small tmpfs): a proof still verifies,
// and the Prove view says plainly that it could not be added to the history, with the code and
// the article, instead of the job silently missing from the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browserLaunch.js';
import { startServe, type ServeProcess } from '../support/zkdeskServe.js';
import { mountSmallDisk, type SmallDisk } from '../../support/smallDisk.js';

describe('zkdesk in a browser, its data disk full', () => {
  let disk: SmallDisk | null = null;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    disk = await mountSmallDisk('512k');
    if (!disk) return;
    serve = await startServe(path.join(disk.dir, 'data'));
    await disk.fill();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await disk?.release();
  });

  it('proves, shows the proof verified, and says it is not in the history (E_DISK_FULL)', async (ctx) => {
    if (!disk || !serve || !browser) return ctx.skip();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(serve.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prove', exact: true }).click();
    await page.locator('#circuit-select').selectOption('stress-12');
    await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Load sample input' }).click();
    await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#input-json')?.value ?? '').includes('{'));
    await page.getByRole('button', { name: 'Prove', exact: true }).click();
    await page.getByText('Proof verified ✓').waitFor({ timeout: 100_000 });
    const notice = page.getByText('This proof is not in the history below');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('E_DISK_FULL');
    expect(await page.getByRole('link', { name: 'What E_DISK_FULL means and what to do' }).count()).toBe(1);
  });
});
