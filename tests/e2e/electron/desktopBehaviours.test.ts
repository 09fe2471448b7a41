// The desktop behaviours in the Electron shell itself: the window's place remembered across a
// restart, one instance at a time (a second launch quits and leaves the first), and a proof's
// progress on the taskbar/dock icon. The notification for a long proof in the background needs
// a desktop's notification server to observe, so it is tested against the shell's code in
// tests/unit/app/desktopIntegration.test.ts. Where no Electron binary is installed, one line says
// so and the suite is skipped.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication } from 'playwright-core';

const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');

function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) console.log('Electron desktop behaviours skipped: no Electron binary here (the electron package could not download it).');

describe.skipIf(!binary)('the Electron shell as a desktop app', () => {
  let dataDir: string;
  const env = () => ({ ...process.env, XDG_CONFIG_HOME: path.join(dataDir, '.config-home') }) as Record<string, string>;
  const launch = () => _electron.launch({ executablePath: binary as string, args: ['.', `--data-dir=${dataDir}`], env: env(), cwd: projectRoot });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-electron-desktop-'));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('opens where it was left, at the size it was left', async () => {
    let app: ElectronApplication = await launch();
    await app.firstWindow();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.setBounds({ x: 120, y: 90, width: 1100, height: 760 }));
    await app.close();
    expect(JSON.parse(await readFile(path.join(dataDir, 'window-state.json'), 'utf8'))).toMatchObject({ width: 1100, height: 760 });

    app = await launch();
    await app.firstWindow();
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds());
    expect(bounds).toMatchObject({ width: 1100, height: 760 });
    await app.close();
  });

  it('runs once: a second launch quits at once and the first keeps its one window', async () => {
    const app = await launch();
    try {
      await app.firstWindow();
      const second = spawn(binary as string, ['.', `--data-dir=${dataDir}`], { cwd: projectRoot, env: env(), stdio: 'ignore' });
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
      expect(code).toBe(0);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it("shows a running proof's progress on the taskbar or dock icon, and clears it when done", async () => {
    const app = await launch();
    try {
      const page = await app.firstWindow();
      await app.evaluate(({ BrowserWindow }) => {
        const window = BrowserWindow.getAllWindows()[0];
        if (!window) return;
        const seen: number[] = [];
        (globalThis as { progressSeen?: number[] }).progressSeen = seen;
        const original = window.setProgressBar.bind(window);
        window.setProgressBar = (value, options) => {
          seen.push(value);
          original(value, options);
        };
      });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prove', exact: true }).click();
      await page.locator('#circuit-select').selectOption('stress-12');
      await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Load sample input' }).click();
      await page.getByRole('button', { name: 'Prove', exact: true }).click();
      await page.getByText('Proof verified ✓').waitFor({ timeout: 100_000 });
      const seen = await app.evaluate(() => (globalThis as { progressSeen?: number[] }).progressSeen ?? []);
      expect(seen.some((v) => v >= 0 && v <= 1)).toBe(true);
      expect(seen.at(-1)).toBe(-1);
    } finally {
      await app.close();
    }
  });
});
