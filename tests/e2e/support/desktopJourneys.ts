// The journeys a beta tester tripped over (issue 14), written once for every host: the Prove page
// laid out for the task at 1280×800, the result brought into view and focused, proof files copied
// and saved, a failed constraint naming its input, calibration kept apart from the user's proofs
// with each proof's prediction kept, and the dead ends and lost focus that were reported.
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { checkScreen, docImage, goTo, historyOnDisk, type JourneyTarget } from './journeys.js';

const PROOF_TIMEOUT = 100_000;

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { id: el?.id ?? '', tag: el?.tagName.toLowerCase() ?? '', text: el?.textContent?.trim() ?? '' };
  });

/** Whether the element's box lies wholly inside the window as it is scrolled now. */
async function inWindow(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const box = document.querySelector(s)?.getBoundingClientRect();
    return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  }, selector);
}

async function chooseCircuit(page: Page, circuitId: string): Promise<void> {
  await page.locator('#circuit-select').selectOption(circuitId);
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
}

async function loadSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load sample input' }).click();
  await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#input-json')?.value ?? '').includes('{'));
}

/**
 * 1280×800: circuit, input and Prove in the first screen; the warnings one line that opens; the
 * result scrolled to and focused with elapsed time; proof.json and public.json copied and saved;
 * another circuit clears the old result.
 */
export async function proveLaidOutForTheTask(target: JourneyTarget): Promise<void> {
  const { page } = target;
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  try {
    await goTo(page, 'Prove');
    await chooseCircuit(page, 'stress-12');
    await loadSample(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const selector of ['#circuit-select', '#input-json', '#prove-button']) expect(await inWindow(page, selector), `${selector} in the first screen`).toBe(true);
    // The circuit's warnings: one line, the cards behind it.
    const line = page.locator('details.circuit-warnings');
    if ((await line.count()) > 0) {
      expect(await line.locator('summary').textContent()).toMatch(/^(Blocker|Warning|Note) \d+ warnings? for this circuit: /);
      expect(await line.locator('article.warning').first().isVisible()).toBe(false);
      await line.locator('summary').click();
      await line.locator('article.warning').first().waitFor();
      await line.locator('summary').click();
    } else {
      await page.getByText('No warnings for this circuit on this machine.').waitFor();
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await docImage(target, 'prove-ready');

    // Prove from the keyboard: the result comes into view with the focus on it.
    await page.locator('#prove-button').focus();
    await page.keyboard.press('Enter');
    await page.getByText('Proof verified ✓').waitFor({ timeout: PROOF_TIMEOUT });
    await page.waitForFunction(() => document.activeElement?.id === 'result-title');
    expect(await inWindow(page, '#result-title')).toBe(true);
    expect(await page.locator('.job-elapsed').textContent()).toMatch(/^Took \d/);
    await docImage(target, 'prove-result');

    const result = page.getByRole('region', { name: 'Result' });
    const shownSignals = await result.locator('ol.signals li').allTextContents();
    if (!target.nativeDialogs) {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await result.getByRole('button', { name: 'Copy proof.json' }).click();
      await result.getByRole('status').filter({ hasText: 'Copied proof.json to the clipboard.' }).waitFor();
      const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { protocol: string; pi_a: string[] };
      expect(copied.protocol).toBe('groth16');
      expect(copied.pi_a).toHaveLength(3);

      // The browser host has no save dialog: the file downloads, named as snarkjs names it.
      const [proofDownload] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: 'Save proof.json' }).click()]);
      expect(proofDownload.suggestedFilename()).toBe('proof.json');
      expect(JSON.parse(await readFile((await proofDownload.path()) as string, 'utf8'))).toEqual(copied);
      const [publicDownload] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: 'Save public.json' }).click()]);
      expect(publicDownload.suggestedFilename()).toBe('public.json');
      expect(JSON.parse(await readFile((await publicDownload.path()) as string, 'utf8'))).toEqual(shownSignals);
    }
    await checkScreen(target, 'prove-result-1280x800');

    // Another circuit: the last one's result and progress go.
    await page.locator('#circuit-select').selectOption('merkle-membership');
    await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('region', { name: 'Result' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Progress' }).count()).toBe(0);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** A constraint the input breaks: the failing input is named, the witness step shows failed, history says it in words. */
export async function constraintFailureNamesInput(target: JourneyTarget): Promise<void> {
  const { page } = target;
  await goTo(page, 'Prove');
  await chooseCircuit(page, 'poseidon-preimage');
  await loadSample(page);
  const box = page.locator('#input-json');
  const input = JSON.parse(await box.inputValue()) as Record<string, unknown>;
  await box.fill(JSON.stringify({ ...input, hash: '5' }, null, 2));
  await page.getByRole('button', { name: 'Prove', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'E_CONSTRAINT_UNSATISFIED' });
  await alert.waitFor({ timeout: PROOF_TIMEOUT });
  expect(await alert.textContent()).toContain('Check the input "hash"');
  expect(await page.locator('.stage').allTextContents()).toEqual(['Compute the witness: failed', 'Build the proof: not run', 'Verify the proof: not run']);
  const history = page.getByRole('table', { name: /proofs$/ });
  await history.getByRole('cell', { name: /^failed: The input does not satisfy the circuit/ }).first().waitFor();
  await docImage(target, 'prove-constraint-failed');
  await checkScreen(target, 'prove-constraint-failed');
}

/** Calibration's proofs are in the history file marked as such, hidden from the user's list until asked for, and labelled. */
export async function calibrationKeptApart(target: JourneyTarget): Promise<void> {
  const { page, dataDir } = target;
  const onDisk = await historyOnDisk(dataDir);
  const calibrationRuns = onDisk.filter((r) => r.kind === 'calibration');
  // The Prove view calibrated once (earlier journey): a warm-up proof and a measured one.
  expect(calibrationRuns.length).toBeGreaterThanOrEqual(2);
  // A proof made after calibration kept the prediction it was made with.
  const predicted = onDisk.filter((r) => r.kind === 'proof' && r.outcome === 'verified' && typeof r.predictedMs === 'number');
  expect(predicted.length).toBeGreaterThan(0);

  await goTo(page, 'Prove');
  const table = page.getByRole('table', { name: /proofs$/ });
  await table.waitFor();
  expect(await table.getByText('Calibration run').count()).toBe(0);
  const userCount = onDisk.filter((r) => r.kind !== 'calibration').length;
  expect(await table.locator('caption').textContent()).toBe(`${userCount} of ${userCount} proofs`);
  await page.getByLabel(/^Include calibration runs/).check();
  await page.waitForFunction((n) => document.querySelectorAll('.calibration-label').length === n, calibrationRuns.length);
  await page.locator('#history-title').scrollIntoViewIfNeeded();
  await docImage(target, 'history-calibration');
  await page.getByLabel(/^Include calibration runs/).uncheck();
}

/** What testers found shut: the guide back from Help, focus after Dismiss, a narrow window, why a circuit is not built, no 404s. */
export async function noDeadEnds(target: JourneyTarget): Promise<void> {
  const { page } = target;
  const missing: string[] = [];
  const onResponse = (response: { status(): number; url(): string }) => {
    if (response.status() === 404) missing.push(response.url());
  };
  page.on('response', onResponse);
  try {
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', onResponse);
  }
  expect(missing).toEqual([]);

  await goTo(page, 'Help');
  await page.getByRole('button', { name: 'Show the getting-started guide' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  const guide = page.getByRole('region', { name: 'Getting started' });
  await guide.waitFor();
  await guide.getByRole('button', { name: 'Dismiss the guide' }).focus();
  await page.keyboard.press('Enter');
  await guide.waitFor({ state: 'detached' });
  expect(await focused(page)).toMatchObject({ tag: 'h1', text: 'Overview' });

  await goTo(page, 'Prove');
  // An unbuilt circuit says why, and either offers to build it here or says why it cannot be and what to do.
  const notBuilt = await page.locator('#circuit-select option:disabled').filter({ hasText: '(not built)' }).count();
  if (notBuilt > 0) {
    await page.waitForFunction(() => /This install can build it here|It cannot be built here/.test(document.querySelector('#not-built-note')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.locator('#not-built-note').textContent()).toMatch(/is not built in this install: its proving key is tens of megabytes, so it is not shipped\. (This install can build it here|It cannot be built here: .+)/);
  }

  // A narrow window (a tiled half screen): the navigation moves above the page instead of keeping its column.
  const before = page.viewportSize();
  await page.setViewportSize({ width: 800, height: 800 });
  try {
    const layout = await page.evaluate(() => {
      const nav = document.querySelector('nav')?.getBoundingClientRect();
      const main = document.querySelector('#main-content')?.getBoundingClientRect();
      return { navBottom: nav?.bottom ?? 0, mainTop: main?.top ?? 0, mainWidth: main?.width ?? 0 };
    });
    expect(layout.navBottom).toBeLessThanOrEqual(layout.mainTop);
    expect(layout.mainWidth).toBeGreaterThan(700);
    await checkScreen(target, 'prove-narrow');
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
