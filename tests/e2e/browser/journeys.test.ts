// The user journeys in Debian's Chromium against a real `zkdesk serve` (real services, real
// worker processes proving real circuits), each screen audited by axe-core and photographed
// into test-results/screenshots/.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browserLaunch.js';
import { startServe, type ServeProcess } from '../support/zkdeskServe.js';
import * as journeys from '../support/journeys.js';

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
      if (message.type() === 'error' && !/favicon|404/.test(message.text())) pageErrors.push(message.text());
    });
    await page.goto(serve.url);
    target = { page, dataDir: serve.dataDir, name: 'browser', nativeDialogs: false };
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('opens the app with first-run guidance that stays dismissed', () => journeys.openTheApp(target));
  it('shows the profile, the verdict and the warnings with their evidence', () => journeys.seeProfileAndWarnings(target));
  it("opens a warning's article at the summary, goes to expert depth, and remembers it across a reload", () => journeys.readWarningArticleToExpertDepth(target));
  it('searches help, typos included', () => journeys.searchHelp(target));
  it('proves a bundled circuit and shows it verified', () => journeys.proveBundledCircuit(target));
  it('cancels a long proof', () => journeys.cancelLongProof(target));
  it('shows predicted versus measured', () => journeys.benchmarksScreen(target));
  it('previews a bundle, writes it without the unticked section, and finds the zip on disk', () => journeys.previewAndWriteBundle(target));
  it('switches the update channel and keeps it', () => journeys.switchUpdateChannel(target));
  it('passes axe-core on every screen in the dark theme, and follows the system theme', () => journeys.everyScreenInDark(target));
  it('raised no page errors (CSP refusals included)', ({ expect }) => expect(pageErrors).toEqual([]));
});
