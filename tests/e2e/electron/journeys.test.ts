// The same journeys as tests/e2e/browser, in the Electron shell itself (preload bridge, IPC,
// native dialogs), through Playwright's _electron. Where no Electron binary is installed (npm's
// electron package could not fetch one here), one line says so and the suite is skipped.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import * as journeys from '../support/journeys.js';
import { journeyTests } from '../support/journeyTests.js';

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
      // main.ts reads --data-dir (as the CLI does): settings, history and written bundles all stay in
      // this temporary folder, never the tester's real profile or ~/Downloads.
      args: ['.', `--data-dir=${dataDir}`],
      // The default folder (where a data directory chosen in Settings is recorded) is Electron's
      // userData under XDG_CONFIG_HOME: kept inside the temporary folder too.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(dataDir, '.config-home') } as Record<string, string>,
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

  journeyTests(() => target, () => pageErrors);
});
