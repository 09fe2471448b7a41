// The user journeys in Debian's Chromium against a real `zkdesk serve` (real services, real
// worker processes proving real circuits), each screen audited by axe-core and photographed
// into test-results/screenshots/.
import { afterAll, beforeAll, describe } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browserLaunch.js';
import { startServe, type ServeProcess } from '../support/zkdeskServe.js';
import * as journeys from '../support/journeys.js';
import { journeyTests } from '../support/journeyTests.js';

describe('zkdesk in a browser (zkdesk serve)', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let target: journeys.JourneyTarget;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A CSP refusal shows up only as a console error: catch it too.
    page.on('console', (message) => {
      // A missing favicon counts too: every page load logged one before it was there.
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(serve.url);
    target = { page, dataDir: serve.dataDir, name: 'browser', nativeDialogs: false };
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  journeyTests(() => target, () => pageErrors);
});
