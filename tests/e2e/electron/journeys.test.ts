// The same journeys as tests/e2e/browser, in the Electron shell itself (preload bridge, IPC,
// native dialogs), through Playwright's _electron. Where no Electron binary is installed (npm's
// electron package could not fetch one here), one line says so and the suite is skipped.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import * as journeys from '../support/journeys.js';

const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** The Electron binary's path, or why there is none. */
function findElectron(): { path: string } | { missing: string } {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    if (typeof binary !== 'string') return { missing: 'the electron package did not give a binary path' };
    return existsSync(binary) ? { path: binary } : { missing: `no Electron binary at ${binary} (the electron package could not download it)` };
  } catch (error) {
    return { missing: `the electron package has no binary (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}

const electron = findElectron();
if ('missing' in electron) console.log(`Electron journeys skipped: ${electron.missing}.`);

describe.skipIf('missing' in electron)('zkdesk in the Electron shell', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  let target: journeys.JourneyTarget;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-electron-e2e-'));
    app = await _electron.launch({
      executablePath: 'path' in electron ? electron.path : undefined,
      args: ['.', `--user-data-dir=${dataDir}`],
      cwd: projectRoot,
      colorScheme: 'light',
    });
    page = await app.firstWindow();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    target = { page, dataDir, name: 'electron', nativeDialogs: true };
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
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
