// Debian's Chromium on a running `zkdesk serve`: one page open at its URL, with every page error
// and console error collected (a CSP refusal or a missing favicon shows up only in the console).
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browserLaunch.js';
import type { JourneyTarget } from './journeys.js';
import type { ServeProcess } from './zkdeskServe.js';

export interface ServedPage {
  browser: Browser;
  page: Page;
  target: JourneyTarget;
  pageErrors: string[];
}

export async function openServedPage(serve: ServeProcess, context: BrowserContextOptions = {}): Promise<ServedPage> {
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, ...context })).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(serve.url);
  return { browser, page, pageErrors, target: { page, dataDir: serve.dataDir, name: 'browser', nativeDialogs: false } };
}
