// The user journeys, written once against a Playwright page, so the browser host
// (zkdesk serve + Chromium) and the Electron shell run exactly the same steps.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot } from './screenChecks.js';
import type { JobRecord } from '../../../common/prover/proverTypes.js';
import { percentile } from '../../../common/statistics/percentiles.js';
import { benchRunFixture } from '../../support/benchRunFixture.js';
import { formatDuration } from '../../../renderer/src/format/formatDuration.js';

export interface JourneyTarget {
  page: Page;
  /** The data directory the app writes settings.json to. */
  dataDir: string;
  /** Prefix for screenshot names: 'browser' or 'electron'. */
  name: string;
  /** The desktop app opens native dialogs where the browser host takes typed paths. */
  nativeDialogs: boolean;
}

const PROOF_TIMEOUT = 100_000;
const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');

async function readSettings(dataDir: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Waits until settings.json on disk satisfies `check` (the UI saves through the host). */
async function settingsOnDisk(dataDir: string, check: (settings: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const settings = await readSettings(dataDir);
    if (check(settings)) return settings;
    if (Date.now() > deadline) throw new Error(`settings.json never reached the expected state: ${JSON.stringify(settings)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function goTo(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: view, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: view }).waitFor();
}

/** axe-core on what is on screen now, and a screenshot of it. */
export async function checkScreen(target: JourneyTarget, screen: string): Promise<void> {
  await screenshot(target.page, `${target.name}-${screen}`);
  const violations = await axeViolations(target.page);
  expect(violations, `axe-core on ${screen}:\n${violations.join('\n')}`).toEqual([]);
}

export async function openTheApp(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  const guide = page.getByRole('region', { name: 'Getting started' });
  await guide.waitFor();
  expect(await guide.locator('li').count()).toBe(3);
  expect(await guide.locator('li').first().textContent()).toMatch(/^See whether this machine is ready/);
  expect(await guide.getByRole('link').allTextContents()).toEqual(['Prove a bundled circuit', 'Send a diagnostics bundle or feedback']);
  // The guide sits under the Overview's heading, and no other view carries it above its own.
  expect(await page.evaluate(() => document.querySelector('#main-content h1')?.compareDocumentPosition(document.querySelector('.first-run') as Node))).toBe(4);
  await goTo(page, 'Prove');
  expect(await page.getByRole('region', { name: 'Getting started' }).count()).toBe(0);
  await goTo(page, 'Overview');
  await guide.getByRole('button', { name: 'Dismiss the guide' }).click();
  // The guide hides at once; the reload must wait until the dismissal is saved.
  await settingsOnDisk(target.dataDir, (s) => s.firstRunDismissed === true);
  await page.reload();
  // The guide is hidden until settings arrive too: see them loaded (the Settings view shows the
  // channel) before trusting its absence.
  await goTo(page, 'Settings');
  await page.waitForFunction(() => document.querySelectorAll<HTMLInputElement>('input[name="update-channel"]:checked').length === 1);
  await goTo(page, 'Overview');
  expect(await page.getByRole('region', { name: 'Getting started' }).count()).toBe(0);
}

/** Keyboard only: the skip link first, Tab into the navigation, Enter opens a view, its heading gets focus. */
export async function keyboardOnly(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName.toLowerCase() ?? null, text: el?.textContent?.trim() ?? null };
    });
  await page.keyboard.press('Tab');
  expect(await focused()).toEqual({ tag: 'a', text: 'Skip to content' });
  expect(await page.getByRole('link', { name: 'Skip to content' }).isVisible()).toBe(true);
  await checkScreen(target, 'keyboard-skip-link');
  await page.keyboard.press('Enter');
  expect(await focused()).toEqual({ tag: 'h1', text: 'Overview' });

  // From the top again (a fresh load): past the skip link into the navigation, two links along to Prove.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focused()).toEqual({ tag: 'a', text: 'Overview' });
  await page.keyboard.press('Tab');
  expect(await focused()).toEqual({ tag: 'a', text: 'Prove' });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Prove' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  expect(await focused()).toEqual({ tag: 'h1', text: 'Prove' });
  // The next Tab goes on into the view, not back to the navigation.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('nav') === null && document.activeElement?.closest('#main-content') !== null)).toBe(true);
  await checkScreen(target, 'keyboard-prove-heading');
}

export async function seeProfileAndWarnings(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await goTo(page, 'Overview');
  await page.getByRole('heading', { name: /^Readiness:/ }).waitFor({ timeout: 60_000 });
  const facts = page.getByRole('region', { name: 'This machine' });
  expect(await facts.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['CPU', 'Memory', 'GPU', 'Operating system', 'Power', 'Proofs made by']));
  expect(await facts.locator('div', { has: page.locator('dt', { hasText: 'Proofs made by' }) }).locator('dd').textContent()).toMatch(/^(Native prover|snarkjs)/);
  expect(await facts.locator('dd').first().textContent()).toMatch(/cores/);
  const warnings = page.locator('article.warning');
  // Our CI machines (2 cores, a VM, no GPU) always earn some; a big quiet machine may earn none,
  // and then the verdict must say ready.
  if ((await warnings.count()) === 0) {
    expect(await page.getByRole('heading', { name: /^Readiness:/ }).textContent()).toMatch(/Ready/);
  } else {
    expect(await warnings.first().locator('dl.evidence dt').count()).toBeGreaterThan(0);
    // Evidence in words: no rule keys (camelCase) as labels, no bare "absent"/"true".
    const labels = await page.locator('dl.evidence dt').allTextContents();
    expect(labels.filter((l) => /^[a-z]+[A-Z]/.test(l))).toEqual([]);
    expect((await page.locator('dl.evidence dd').allTextContents()).filter((v) => v === 'true' || v === 'false' || v === 'absent')).toEqual([]);
    expect(await warnings.first().getByRole('link', { name: /^Learn more about/ }).count()).toBe(1);
  }
  await checkScreen(target, 'overview');
}

export async function readWarningArticleToExpertDepth(target: JourneyTarget): Promise<void> {
  const { page, dataDir } = target;
  await goTo(page, 'Overview');
  await page.getByRole('heading', { name: /^Readiness:/ }).waitFor({ timeout: 60_000 });
  const warning = page.locator('article.warning').first();
  let warningId: string | null;
  if ((await warning.count()) > 0) {
    warningId = await warning.getAttribute('data-warning-id');
    await warning.getByRole('link', { name: /^Learn more about/ }).click();
  } else {
    // No warning on this machine to follow: open a warning's article the way its link would.
    warningId = 'few-cores';
    await page.evaluate(() => {
      window.location.hash = '#/help/warnings/few-cores';
    });
  }
  await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
  const article = page.locator(`article[data-article-id="warnings/${warningId}"]`);
  await article.waitFor();
  // It opens at the summary: the summary has focus, no details yet.
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('article-summary');
  expect(await article.getByRole('heading', { name: 'Details' }).count()).toBe(0);
  await article.getByRole('button', { name: 'More' }).click();
  await article.getByRole('heading', { name: 'Details' }).waitFor();
  await article.getByRole('button', { name: 'Expert' }).click();
  await article.getByRole('heading', { name: 'Expert' }).waitFor();
  await checkScreen(target, 'help-article');
  await settingsOnDisk(dataDir, (s) => (s.helpDepth as Record<string, string> | undefined)?.[`warnings/${warningId}`] === 'expert');

  await page.reload();
  const again = page.locator(`article[data-article-id="warnings/${warningId}"]`);
  await again.getByRole('heading', { name: 'Expert' }).waitFor();
  expect(await again.getAttribute('data-depth')).toBe('expert');
}

export async function searchHelp(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await goTo(page, 'Help');
  await page.getByRole('heading', { name: 'Guides' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search help' }).fill('memry');
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  await results.first().waitFor();
  const titles = await results.allTextContents();
  // A typo still finds the memory articles.
  expect(titles.some((t) => /memory/i.test(t))).toBe(true);
  // The results stand in for the index while the query is there, and the index returns without it.
  expect(await page.getByRole('heading', { name: 'Guides' }).count()).toBe(0);
  await checkScreen(target, 'help-search');
  await page.getByRole('searchbox', { name: 'Search help' }).fill('');
  await page.getByRole('heading', { name: 'Guides' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search help' }).fill('memry');
  await results.first().waitFor();
  await results.first().click();
  await page.locator('article.help-article').waitFor();
}

export async function calibrateFromProve(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await goTo(page, 'Prove');
  await page.locator('#circuit-select').selectOption('stress-14');
  const check = page.getByRole('region', { name: 'Before you start' });
  await check.waitFor({ timeout: 60_000 });
  const calibrate = check.getByRole('button', { name: /^Calibrate now/ });
  expect(await check.textContent()).not.toContain('zkdesk calibrate');
  // A fresh data directory has no calibration: the estimate is unknown until the tester asks.
  await calibrate.click();
  await check.getByText('Unknown until this machine is calibrated').waitFor({ state: 'detached', timeout: PROOF_TIMEOUT });
  const estimate = await check.locator('dt', { hasText: 'Estimated time' }).locator('xpath=following-sibling::dd').textContent();
  expect(estimate).toMatch(/\d/);
  // The verdict for this circuit, and (on request) what the estimate was computed from.
  expect(await check.getByRole('heading', { name: /^Readiness for this circuit: (Ready|Ready, with limits|Not supported)$/ }).count()).toBe(1);
  const basis = check.locator('details.estimate-basis');
  expect(await basis.getByRole('heading', { name: "From this machine's calibration" }).isVisible()).toBe(false);
  await basis.getByText('How this estimate was worked out').click();
  await basis.getByRole('heading', { name: "From this machine's calibration" }).waitFor();
  expect(await basis.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['Witness', 'G1 multi-exponentiations', 'Wires', 'Prover threads']));
  expect(await basis.getByText(/^The modelled proof time × \d/).count()).toBe(1);
  // Nothing on the GUI's Prove view sends the user to the command line.
  expect(await check.textContent()).not.toContain('zkdesk calibrate');
  await checkScreen(target, 'prove-estimate-basis');
}

/** The input from a JSON file chosen in the page; a malformed one (typed or loaded) is explained for what it is. */
export async function loadInputFromFile(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await goTo(page, 'Prove');
  await page.locator('#circuit-select').selectOption('stress-12');
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
  const sample = await readFile(path.join(projectRoot, 'resources', 'circuits', 'stress-12', 'build', 'input.sample.json'));
  const chooser = page.getByLabel('Load input from file (JSON)');
  await chooser.setInputFiles({ name: 'my-input.json', mimeType: 'application/json', buffer: sample });
  const box = page.locator('#input-json');
  await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#input-json')?.value ?? '').includes('"seed"'));
  expect(JSON.parse(await box.inputValue())).toEqual(JSON.parse(sample.toString('utf8')));

  await chooser.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"seed": "1",') });
  const loadedError = page.getByRole('alert').filter({ hasText: 'E_INPUT_MALFORMED' });
  await loadedError.waitFor();
  expect(await loadedError.textContent()).toContain('broken.json');
  await checkScreen(target, 'prove-input-file-error');

  // Typed rather than loaded: the message must not speak of a file the user never opened.
  await box.fill('{ "seed": 1, }');
  await page.getByRole('button', { name: 'Prove', exact: true }).click();
  const typedError = page.getByRole('alert').filter({ hasText: 'E_INPUT_MALFORMED' });
  await typedError.waitFor();
  expect(await typedError.textContent()).toMatch(/input box/);
  expect(await typedError.textContent()).not.toContain('broken.json');
}

/** A proof predicted to take longer than the setting asks first; "Not now" starts nothing, "Start it anyway" does. */
export async function askBeforeLongProof(target: JourneyTarget): Promise<void> {
  const { page, dataDir } = target;
  await goTo(page, 'Settings');
  const limit = page.getByLabel('Ask before proofs predicted to take longer than (seconds)');
  // A tenth of a second: with the native prover a 2^14 proof takes well under one.
  await limit.fill('0.1');
  await page.getByRole('form', { name: 'Proving and logs' }).getByRole('button', { name: 'Save' }).click();
  await settingsOnDisk(dataDir, (s) => s.predictedTimeWarnSec === 0.1);
  try {
    await goTo(page, 'Prove');
    await page.locator('#circuit-select').selectOption('stress-14');
    const check = page.getByRole('region', { name: 'Before you start' });
    await check.waitFor({ timeout: 60_000 });
    // This journey runs after calibration: the estimate is known, and a 2^14 proof takes longer than that.
    await check.locator('dt', { hasText: 'Estimated time' }).locator('xpath=following-sibling::dd').filter({ hasText: /\d/ }).waitFor();
    await page.getByRole('button', { name: 'Load sample input' }).click();
    await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#input-json')?.value ?? '').includes('{'));
    const historyBefore = await page.getByRole('table', { name: /proofs$/ }).locator('tbody tr').count();
    await page.getByRole('button', { name: 'Prove', exact: true }).click();
    const question = page.getByRole('alertdialog', { name: /predicted to take/ });
    await question.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start it anyway');
    await checkScreen(target, 'prove-long-proof-question');
    await question.getByRole('button', { name: 'Not now' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await page.getByRole('table', { name: /proofs$/ }).locator('tbody tr').count()).toBe(historyBefore);

    await page.getByRole('button', { name: 'Prove', exact: true }).click();
    await question.getByRole('button', { name: 'Start it anyway' }).click();
    await page.getByText('Proof verified ✓').waitFor({ timeout: PROOF_TIMEOUT });
  } finally {
    await goTo(page, 'Settings');
    await page.getByLabel('Ask before proofs predicted to take longer than (seconds)').fill('30');
    await page.getByRole('form', { name: 'Proving and logs' }).getByRole('button', { name: 'Save' }).click();
    await settingsOnDisk(dataDir, (s) => s.predictedTimeWarnSec === 30);
  }
}

export async function proveBundledCircuit(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await goTo(page, 'Prove');
  await page.locator('#circuit-select').selectOption('stress-12');
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Load sample input' }).click();
  await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#input-json')?.value ?? '').includes('{'));
  await page.getByRole('button', { name: 'Prove', exact: true }).click();
  await page.getByText('Proof verified ✓').waitFor({ timeout: PROOF_TIMEOUT });
  const result = page.getByRole('region', { name: 'Result' });
  expect(await result.locator('ol.signals li').count()).toBeGreaterThan(0);
  expect(await result.getByRole('rowheader', { name: 'Total' }).count()).toBe(1);
  expect(await result.getByRole('row', { name: /^Made by/ }).textContent()).toMatch(/the native prover|snarkjs/);
  expect(await page.locator('.stage').allTextContents()).toEqual(['Compute the witness: done', 'Build the proof: done', 'Verify the proof: done']);
  const history = page.getByRole('table', { name: /proofs$/ });
  // History speaks of circuits by the names the picker uses, not their ids.
  await history.getByRole('cell', { name: 'Stress 2^12', exact: true }).first().waitFor();
  expect(await history.getByRole('cell', { name: 'stress-12', exact: true }).count()).toBe(0);
  await checkScreen(target, 'prove');
}

export async function cancelLongProof(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await goTo(page, 'Prove');
  await page.locator('#circuit-select').selectOption('stress-14');
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Load sample input' }).click();
  await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#input-json')?.value ?? '').includes('{'));
  await page.getByRole('button', { name: 'Prove', exact: true }).click();
  const cancel = page.getByRole('button', { name: 'Cancel proof' });
  await page.waitForFunction(() => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Cancel proof');
    return button !== undefined && !button.disabled;
  });
  await cancel.click();
  await page.locator('.job-state', { hasText: 'Cancelled' }).waitFor({ timeout: PROOF_TIMEOUT });
  await page.getByLabel('Show outcome').selectOption('cancelled');
  await page.getByRole('table', { name: /proofs$/ }).getByRole('cell', { name: 'Stress 2^14', exact: true }).first().waitFor();
}

export async function previewAndWriteBundle(target: JourneyTarget): Promise<string> {
  const { page } = target;
  await goTo(page, 'Diagnostics');
  await page.getByRole('button', { name: 'Preview a bundle' }).click();
  const sections = page.getByRole('group', { name: 'Sections to include' });
  await sections.waitFor({ timeout: 60_000 });
  const boxes = sections.getByRole('checkbox');
  expect(await boxes.count()).toBeGreaterThan(3);
  // Open one section's files: the exact text that will be written is shown.
  await sections.locator('details summary').first().click();
  expect(((await sections.locator('pre').first().textContent()) ?? '').length).toBeGreaterThan(0);
  // Leave the logs out.
  await sections.getByRole('checkbox', { name: /^Logs/ }).uncheck();
  await checkScreen(target, 'diagnostics');
  await page.getByRole('button', { name: 'Write the bundle' }).click();
  const where = page.locator('.bundle-path');
  await where.waitFor({ timeout: 60_000 });
  const bundlePath = (await where.textContent()) ?? '';
  // Written inside the data directory the app was started with, never the tester's own Downloads.
  expect(path.resolve(bundlePath).startsWith(path.resolve(target.dataDir) + path.sep)).toBe(true);
  const head = await readFile(bundlePath);
  expect(head.subarray(0, 2).toString('latin1')).toBe('PK');

  if (!target.nativeDialogs) {
    await page.getByLabel(/^Bundle path/).fill(bundlePath);
    await page.getByRole('button', { name: 'Open bundle' }).click();
    const summary = page.locator('.bundle-summary');
    await summary.getByText('Intact: every file matches its checksum.').waitFor({ timeout: 30_000 });
    expect(await summary.getByText(/^Logs: not included/).count()).toBe(1);

    // A path that is not there: the last bundle's summary goes, and the error shows beside the form.
    await page.getByLabel(/^Bundle path/).fill('/nope.zip');
    await page.getByRole('button', { name: 'Open bundle' }).click();
    const reading = page.getByRole('region', { name: 'Read a bundle' });
    const refusal = reading.getByRole('alert');
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toMatch(/E_IO|E_BUNDLE/);
    expect(await page.locator('.bundle-summary').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Diagnostics bundle' }).getByRole('alert').count()).toBe(0);
  }
  return bundlePath;
}

/**
 * Feedback reaches a real HTTP endpoint: the address is set in Settings (a bad one is refused
 * there first), the message is sent from Diagnostics, the box empties, and the server has it.
 */
export async function sendFeedbackToEndpoint(target: JourneyTarget): Promise<void> {
  const { page, dataDir } = target;
  const received: Array<{ message: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ message: (JSON.parse(body) as { message: string }).message, headers: request.headers });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const endpoint = `http://127.0.0.1:${port}/feedback`;
    await goTo(page, 'Settings');
    const address = page.getByLabel('Feedback address (http or https)');
    await address.fill('ftp://127.0.0.1/feedback');
    await page.getByRole('button', { name: 'Save the feedback address' }).click();
    await page.getByText('Only http:// and https:// addresses can receive feedback').waitFor();
    await address.fill(endpoint);
    await page.getByRole('button', { name: 'Save the feedback address' }).click();
    await settingsOnDisk(dataDir, (s) => s.feedbackEndpoint === endpoint);

    await goTo(page, 'Diagnostics');
    const feedback = page.getByRole('region', { name: 'Send feedback' });
    await feedback.getByText(endpoint).waitFor();
    const box = feedback.getByLabel('Your message');
    await box.fill('The Prove view is lovely; the estimate was 10 % off.');
    await feedback.getByRole('button', { name: 'Send feedback' }).click();
    await feedback.getByText('Thank you: your feedback was sent.').waitFor({ timeout: 60_000 });
    expect(await box.inputValue()).toBe('');
    expect(received.map((r) => r.message)).toContain('The Prove view is lovely; the estimate was 10 % off.');
    expect(received[0]?.headers['content-type']).toBe('application/json');
    await checkScreen(target, 'diagnostics-feedback-sent');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function switchUpdateChannel(target: JourneyTarget): Promise<void> {
  const { page, dataDir } = target;
  await goTo(page, 'Settings');
  await page.getByRole('radio', { name: /^Beta/ }).check();
  await settingsOnDisk(dataDir, (s) => s.updateChannel === 'beta');
  // The header follows the switch without a reload.
  await page.locator('header').getByText('beta channel').waitFor();
  if (target.name === 'browser') {
    // `zkdesk serve` without a feed cannot update: it says so instead of offering a check that can only fail.
    await page.getByText('does not update itself').waitFor();
    expect(await page.getByRole('button', { name: 'Check for updates' }).count()).toBe(0);
  }
  await checkScreen(target, 'settings');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>('#channel-beta')?.checked === true);
  await page.getByText('beta channel').first().waitFor();
}

/** Settings → Data directory: a folder for the next start, recorded in the default folder (XDG_CONFIG_HOME/zkdesk here). */
export async function chooseDataDirectory(target: JourneyTarget): Promise<void> {
  const { page, dataDir } = target;
  await goTo(page, 'Settings');
  const panel = page.getByRole('region', { name: 'Data directory' });
  await panel.getByText(dataDir).first().waitFor();
  await panel.getByLabel('Use another folder from the next start (full path)').fill('relative/folder');
  await panel.getByRole('button', { name: 'Use this folder' }).click();
  await panel.getByText('E_SETTINGS_INVALID').first().waitFor();

  const moved = path.join(dataDir, 'moved-data');
  await panel.getByLabel('Use another folder from the next start (full path)').fill(moved);
  await panel.getByRole('button', { name: 'Use this folder' }).click();
  const status = panel.getByRole('status');
  await status.waitFor();
  expect(await status.textContent()).toMatch(/From the next start .*moved-data.*settings\.json.*--data-dir/);
  const pointer = JSON.parse(await readFile(path.join(dataDir, '.config-home', 'zkdesk', 'data-directory.json'), 'utf8')) as { dataDir: string };
  expect(pointer.dataDir).toBe(moved);
  expect(JSON.parse(await readFile(path.join(moved, 'settings.json'), 'utf8'))).toMatchObject({ updateChannel: expect.any(String) });
  await checkScreen(target, 'settings-data-directory');
}

/** Dark theme: every screen again, audited and photographed; then "system" follows the OS. */
export async function everyScreenInDark(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await goTo(page, 'Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  for (const view of ['Overview', 'Prove', 'Benchmarks', 'Help', 'Diagnostics', 'Settings']) {
    await goTo(page, view);
    if (view === 'Overview') await page.locator('article.warning').first().waitFor({ timeout: 60_000 });
    if (view === 'Benchmarks') await page.getByRole('table', { name: 'Total proof time per circuit' }).waitFor({ timeout: 60_000 });
    await checkScreen(target, `${view.toLowerCase()}-dark`);
  }
  await page.getByRole('radio', { name: 'Follow the system' }).check();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
}

/** One run in the shape `npm run bench` (bench/provingBench.ts) saves under <dataDir>/bench/. */
async function saveBenchRun(dataDir: string, createdAt: string, zkdeskWarmMs: number): Promise<void> {
  const run = benchRunFixture(createdAt, zkdeskWarmMs);
  await mkdir(path.join(dataDir, 'bench'), { recursive: true });
  await writeFile(path.join(dataDir, 'bench', `proving-${createdAt.replace(/[:.]/g, '-')}.json`), JSON.stringify(run, null, 2));
}

async function historyOnDisk(dataDir: string): Promise<JobRecord[]> {
  const text = await readFile(path.join(dataDir, 'jobs', 'history.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JobRecord);
}

export async function benchmarksScreen(target: JourneyTarget): Promise<void> {
  const { page, dataDir } = target;
  await saveBenchRun(dataDir, '2026-11-20T10:00:00.000Z', 710);
  await saveBenchRun(dataDir, '2026-11-22T10:00:00.000Z', 780);
  await goTo(page, 'Benchmarks');
  await page.getByRole('heading', { name: 'Calibration', exact: true }).waitFor();
  const table = page.getByRole('table', { name: 'Total proof time per circuit' });
  await table.waitFor({ timeout: 60_000 });
  // stress-12 was proved in earlier journeys, and calibrated with (its reference proofs are in the
  // history too, marked as calibration's). Measured is p50 and p95 of the user's own proofs over the
  // stages the estimate predicts (witness + proof + verification), not totalMs, which also holds the
  // wait for a worker.
  const history = (await historyOnDisk(dataDir)).filter((r) => r.circuitId === 'stress-12' && r.outcome === 'verified');
  expect(history.some((r) => r.kind === 'calibration')).toBe(true);
  const verified = history.filter((r) => r.kind !== 'calibration');
  const stages = verified.map((r) => r.timings.witnessMs + r.timings.proveMs + r.timings.verifyMs);
  const row = table.getByRole('row', { name: /Stress 2\^12/ });
  const cells = row.getByRole('cell');
  await page.waitForFunction((n) => {
    const rows = Array.from(document.querySelectorAll('tr')).filter((tr) => tr.textContent?.startsWith('Stress 2^12'));
    return rows.some((tr) => tr.lastElementChild?.textContent === String(n));
  }, verified.length);
  expect(await cells.nth(2).textContent()).toBe(formatDuration(percentile(stages, 50) as number));
  expect(await cells.nth(3).textContent()).toBe(formatDuration(percentile(stages, 95) as number));
  // Predicted was made after calibration: the error is shown as a signed percentage.
  expect(await cells.nth(4).textContent()).toMatch(/^[+−]?\d+ %$/);

  // The calibration made in the Prove view is in the history.
  const calibrations = page.getByRole('table', { name: /^Calibrations \(\d+\)$/ });
  await calibrations.waitFor();
  expect(await calibrations.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
  // The saved benchmark runs, newest first, with the README's ratios.
  const bench = page.getByRole('table', { name: 'Benchmark results (2 runs)' });
  await bench.waitFor();
  const firstRun = await bench.locator('tbody tr').first().getByRole('cell').allTextContents();
  expect(firstRun.slice(1, 3)).toEqual(['stress-12', '7']);
  expect(firstRun[5]).toBe(formatDuration(780));
  expect(firstRun[7]).toBe((780 / 720).toFixed(2));
  expect(await page.getByRole('img', { name: /^Benchmark runs:/ }).count()).toBe(1);
  await checkScreen(target, 'benchmarks');
}
