// A circuit this install lists but does not ship built is not a dead end: the Prove page says
// why, builds it here from a prepared powers-of-tau file (a real build: circom, the Groth16
// setup, the verification key), shows each step, and the circuit then proves. Where no prepared
// file is large enough it says so and what to do. Never a 2^16 build in a test: a small unbuilt
// circuit in a test resources folder stands in for Stress 2^16, and one that needs 2^20 for the
// circuit this install cannot build.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openServedPage } from '../support/servedPage.js';
import { startServe, type ServeProcess } from '../support/zkdeskServe.js';
import { checkScreen, goTo, type JourneyTarget } from '../support/journeys.js';
import { projectRoot } from '../../../node/resourcePaths.js';

const ptauDir = process.env.ZKDESK_PTAU_DIR ? path.resolve(projectRoot(), process.env.ZKDESK_PTAU_DIR) : null;
if (!ptauDir) console.log('the circuit build journey is skipped: set ZKDESK_PTAU_DIR to a folder of prepared dev_<power>.ptau files (CI uses ../shared/ptau).');

/** resources/ with its own circuits folder: a small unbuilt circuit, one too big for any prepared ptau, and the shared library. */
async function testResources(root: string): Promise<string> {
  const resources = path.join(root, 'resources');
  const real = path.join(projectRoot(), 'resources');
  await mkdir(resources, { recursive: true });
  for (const name of await readdir(real)) if (name !== 'circuits') await symlink(path.join(real, name), path.join(resources, name));
  const circuits = path.join(resources, 'circuits');
  await cp(path.join(real, 'circuits', 'lib'), path.join(circuits, 'lib'), { recursive: true });
  const circuit = async (id: string, title: string, length: number, ptauPower: number) => {
    await mkdir(path.join(circuits, id), { recursive: true });
    await writeFile(path.join(circuits, id, 'circuit.circom'), `pragma circom 2.1.6;\n\ninclude "../lib/stress.circom";\n\ncomponent main { public [k] } = Stress(${length});\n`);
    await writeFile(path.join(circuits, id, 'circuit.json'), JSON.stringify({ title, description: `${title}, for the build test.`, ptauPower, committed: false }));
  };
  await circuit('tiny-build', 'Tiny build', 100, 8);
  // Long enough (a 2^12 setup, seconds) to be stopped while it runs.
  await circuit('slow-build', 'Slow build', 4000, 12);
  await circuit('huge-build', 'Huge build', 100, 20);
  return resources;
}

describe.skipIf(!ptauDir)('building an unbuilt circuit from the Prove page', () => {
  let root: string;
  let resources: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let target: JourneyTarget;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-build-e2e-'));
    resources = await testResources(root);
    // The user's own ptau cache stays out of it: only the prepared folder counts.
    serve = await startServe(undefined, { ZKDESK_RESOURCES_DIR: resources, ZKDESK_PTAU_DIR: ptauDir ?? '', XDG_CACHE_HOME: path.join(root, 'cache-home') });
    ({ browser, page, target, pageErrors } = await openServedPage(serve));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('says why each circuit is not built, which one this install can build, and why the other cannot be', async () => {
    await goTo(page, 'Prove');
    const note = page.locator('#not-built-note');
    await note.getByRole('button', { name: 'Build Tiny build' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#circuit-select option:disabled').allTextContents()).toEqual(expect.arrayContaining(['Huge build (not built)', 'Slow build (not built)', 'Tiny build (not built)']));
    const text = (await note.textContent()) ?? '';
    expect(text).toContain('Tiny build is not built in this install');
    expect(text).toMatch(/can build it here, from the prepared powers-of-tau file dev_\d+\.ptau/);
    expect(text).toMatch(/Huge build is not built in this install.*It cannot be built here: No prepared powers-of-tau file of power 20 or more was found/);
    expect(text).toContain('start zkdesk with ZKDESK_PTAU_DIR set to a folder that holds it');
    await checkScreen(target, 'prove-not-built');
  });

  it('stops a build from the keyboard: the step it was on says stopped, the focus stays, and it can be started again', async () => {
    const note = page.locator('#not-built-note');
    await note.getByRole('button', { name: 'Build Slow build' }).focus();
    await page.keyboard.press('Enter');
    const stop = note.getByRole('button', { name: 'Stop the build' });
    await stop.waitFor({ timeout: 30_000 });
    await stop.focus();
    await page.keyboard.press('Enter');
    await note.getByRole('status').filter({ hasText: 'The build of Slow build was stopped.' }).waitFor({ timeout: 60_000 });
    const steps = await note.locator('.circuit-build').filter({ hasText: 'Slow build was stopped' }).locator('.build-step').allTextContents();
    expect(steps.some((s) => s.endsWith(': stopped') || s.endsWith(': waiting'))).toBe(true);
    expect(steps.some((s) => s.endsWith('running…'))).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('circuit-build'))).toBe(true);
    await note.getByRole('button', { name: 'Build Slow build again' }).waitFor();
    expect(await page.locator('#circuit-select option[value="slow-build"]').isDisabled()).toBe(true);
    await checkScreen(target, 'prove-build-stopped');
  });

  it('builds it from the keyboard with its steps shown, keeps the focus, and then proves with it', async () => {
    const note = page.locator('#not-built-note');
    await note.getByRole('button', { name: 'Build Tiny build' }).focus();
    await page.keyboard.press('Enter');
    await note.getByRole('status').filter({ hasText: 'Tiny build is built: choose it in the list above.' }).waitFor({ timeout: 120_000 });
    expect(await note.locator('.circuit-build').filter({ hasText: 'Tiny build is built' }).locator('.build-step').allTextContents()).toEqual([
      expect.stringMatching(/^Compile the circuit: done \(/),
      expect.stringMatching(/^Set up the proving key: done \(/),
      expect.stringMatching(/^Close the development ceremony: done \(/),
      expect.stringMatching(/^Export the verification key: done \(/),
      expect.stringMatching(/^Check the sample input: done \(/),
      expect.stringMatching(/^Write the manifest: done \(/),
    ]);
    // The button went away under the keyboard: the focus is on the build's progress, not lost to the page.
    expect(await page.evaluate(() => document.activeElement?.textContent?.startsWith('Tiny build is built'))).toBe(true);
    await checkScreen(target, 'prove-circuit-built');

    // A real package in the test's circuits folder, and the circuit is offered.
    const manifest = JSON.parse(await readFile(path.join(resources, 'circuits', 'tiny-build', 'build', 'manifest.json'), 'utf8')) as { id: string; artifacts: { zkey: { bytes: number } } };
    expect(manifest.id).toBe('tiny-build');
    expect((await stat(path.join(resources, 'circuits', 'tiny-build', 'build', 'circuit.zkey'))).size).toBe(manifest.artifacts.zkey.bytes);
    await page.waitForFunction(() => document.querySelector<HTMLOptionElement>('#circuit-select option[value="tiny-build"]')?.disabled === false);
    await page.locator('#circuit-select').selectOption('tiny-build');
    await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Load sample input' }).click();
    await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#input-json')?.value ?? '').includes('{'));
    await page.getByRole('button', { name: 'Prove', exact: true }).click();
    await page.getByText('Proof verified ✓').waitFor({ timeout: 100_000 });
  });

  it('raised no page errors', () => expect(pageErrors).toEqual([]));
});
