// Per screen: an axe-core audit that fails on any violation (named, with the offending
// elements), and a full-page screenshot kept as a test artifact.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');
/** The user guide's pictures (docs/user-guide.md), retaken by the journeys so they show the app as it is. */
export const DOC_IMAGE_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'docs', 'images');

/**
 * The screens the user guide shows, each taken by a browser journey at the moment it describes.
 * Every run writes them to test-results/screenshots/doc-*.png; with ZKDESK_DOC_IMAGES=1 they also
 * replace docs/images/*.png (`npm run docs:images`), so a CI run never leaves the checkout dirty
 * with pictures that differ only in a timing.
 */
export const DOC_IMAGES = ['overview', 'prove-ready', 'prove-result', 'prove-constraint-failed', 'history-calibration', 'benchmarks', 'diagnostics-preview', 'settings'] as const;
export type DocImage = (typeof DOC_IMAGES)[number];

/** The first screen only (what a tester sees without scrolling), at the page's size: small files. */
export async function docScreenshot(page: Page, name: DocImage): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const image = await page.screenshot({ path: path.join(SCREENSHOT_DIR, `doc-${name}.png`), fullPage: false, animations: 'disabled', caret: 'hide' });
  if (process.env.ZKDESK_DOC_IMAGES === '1') {
    await mkdir(DOC_IMAGE_DIR, { recursive: true });
    await writeFile(path.join(DOC_IMAGE_DIR, `${name}.png`), image);
  }
}

export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
