// Health reports in Debian's Chromium. A beta tester of a real `zkdesk serve` is asked once,
// agrees, and sees in Settings the report id, a reset, and the next report exactly; a stable
// install is not asked. The release team's dashboard, served by a real `release collect` after
// a real `release watch` halted a bad release, shows per version the installs, proofs, rates
// and charts, and the halt with why; without its token it shows nothing.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browserLaunch.js';
import { startServe, type ServeProcess } from '../support/zkdeskServe.js';
import { goTo } from '../support/journeys.js';
import { axeViolations } from '../support/screenChecks.js';
import { buildFeed } from '../../../main/services/updates/release/feedBuild.js';
import { devSigner, releaseCli, tempDir, writeArtifacts } from '../../integration/updates/feedFixture.js';
import { postReport, readStore, sampleReport, startCollectorProcess, type CollectorProcess } from '../../integration/canary/canaryFixture.js';

let browser: Browser;
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await browser?.close();
});

async function serveWith(settings: Record<string, unknown>, env: Record<string, string> = {}): Promise<ServeProcess> {
  const dataDir = await tempDir('e2e-health');
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ installId: randomUUID(), firstRunDismissed: true, ...settings }));
  const serve = await startServe(dataDir, env);
  stops.push(() => serve.stop());
  return serve;
}

async function settingsOnDisk(dataDir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
}

describe('health reports in the app', () => {
  it('asks a beta tester once, plainly, and Settings shows the id, a reset and the next report', async () => {
    const serve = await serveWith({ updateChannel: 'beta' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(serve.url);
    const prompt = page.getByRole('region', { name: 'Help us stop a bad beta early?' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Never your inputs, files, folder names, computer name');
    expect(await axeViolations(page)).toEqual([]);
    await prompt.getByRole('button', { name: 'Send health reports' }).click();
    await prompt.waitFor({ state: 'detached' });
    await expect.poll(async () => (await settingsOnDisk(serve.dataDir)).healthReports).toBe('on');

    await goTo(page, 'Settings');
    const panel = page.getByRole('region', { name: 'Health reports' });
    expect(await panel.getByRole('checkbox', { name: 'Send health reports' }).isChecked()).toBe(true);
    const id = panel.locator('.health-report-id');
    await expect.poll(async () => /^[0-9a-f-]{36}$/.test((await id.textContent()) ?? '')).toBe(true);
    const first = await id.textContent();
    await panel.getByText('The next report, exactly as it would be sent').click();
    const next = JSON.parse((await panel.locator('pre.health-next').textContent()) ?? '{}') as Record<string, unknown>;
    expect(next).toMatchObject({ schema: 'zkdesk-health/1', channel: 'beta', reportId: first });
    expect(Object.keys(next).sort()).toEqual(['appVersion', 'arch', 'channel', 'createdAt', 'failed', 'id', 'platform', 'reason', 'reportId', 'schema', 'timings', 'verified', 'workerCrashes', 'outOfMemory'].sort());
    await panel.getByRole('button', { name: 'Reset the report id' }).click();
    await expect.poll(async () => id.textContent()).not.toBe(first);
    expect(await axeViolations(page)).toEqual([]);

    // Changing one's mind: off, saved, and the question does not come back after a reload.
    await panel.getByRole('checkbox', { name: 'Send health reports' }).uncheck();
    await expect.poll(async () => (await settingsOnDisk(serve.dataDir)).healthReports).toBe('off');
    await page.reload();
    await goTo(page, 'Settings');
    await page.getByRole('region', { name: 'Health reports' }).getByRole('checkbox').waitFor();
    expect(await page.getByRole('region', { name: 'Help us stop a bad beta early?' }).count()).toBe(0);
    await page.close();
  });

  it('tells a beta tester with no address of their own that reports go to their update server, and they arrive there', async () => {
    // The release team's `release serve --reports`: the feed and the receiver on one port, in its own process.
    const root = await tempDir('e2e-health-feed');
    await mkdir(path.join(root, 'feed'));
    const db = path.join(root, 'reports.sqlite');
    const receiver = await startCollectorProcess(['--dir', path.join(root, 'feed'), '--reports', db], 'serve');
    stops.push(() => receiver.stop());
    const serve = await serveWith({ updateChannel: 'beta' }, { ZKDESK_UPDATE_URL: receiver.url });
    const page = await (await browser.newContext()).newPage();
    await page.goto(serve.url);
    const prompt = page.getByRole('region', { name: 'Help us stop a bad beta early?' });
    await prompt.getByText(`Reports go to the server your updates come from (${receiver.reports}).`).waitFor();
    await prompt.getByRole('button', { name: 'Send health reports' }).click();
    await prompt.waitFor({ state: 'detached' });
    // The start report reaches the receiver, though the tester typed no address.
    await expect.poll(() => readStore(db, (store) => store.count()), { timeout: 20_000 }).toBe(1);

    await goTo(page, 'Settings');
    const panel = page.getByRole('region', { name: 'Health reports' });
    await panel.getByText(`Reports go to ${receiver.reports}, the address that comes with your update server.`).waitFor();
    const address = panel.getByRole('textbox', { name: 'Report address (http or https)' });
    expect(await address.inputValue()).toBe('');
    expect(await address.getAttribute('placeholder')).toBe(receiver.reports);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says plainly that reports wait on the machine when there is no address at all', async () => {
    const serve = await serveWith({ updateChannel: 'beta', healthReports: 'on' }, { ZKDESK_UPDATE_URL: '' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(serve.url);
    await goTo(page, 'Settings');
    const panel = page.getByRole('region', { name: 'Health reports' });
    await panel.getByText('No report address: reports wait on this machine until one is set.', { exact: false }).waitFor();
    await expect.poll(async () => (await panel.locator('.health-destination').textContent()) ?? '').toContain('1 waiting to be sent.');
    await page.close();
  });

  it('does not ask a stable install, where reports stay off', async () => {
    const serve = await serveWith({ updateChannel: 'stable' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(serve.url);
    await goTo(page, 'Settings');
    const panel = page.getByRole('region', { name: 'Health reports' });
    await panel.waitFor();
    expect(await panel.getByRole('checkbox', { name: 'Send health reports' }).isChecked()).toBe(false);
    expect(await page.getByRole('region', { name: 'Help us stop a bad beta early?' }).count()).toBe(0);
    await page.close();
  });
});

describe('the release health dashboard', () => {
  let collector: CollectorProcess;

  it('shows installs, proofs, rates, p95 and the watcher’s halt per version, only with its token', async () => {
    const root = await tempDir('e2e-dashboard');
    const feedDir = path.join(root, 'feed');
    await mkdir(feedDir);
    for (const [version, percent] of [['1.0.0', 100], ['1.1.0', 10]] as const) {
      await buildFeed({ artifactsDir: await writeArtifacts(root, version, ['deb']), feedDir, channel: 'beta', version, stagingPercentage: percent, signer: devSigner });
    }
    collector = await startCollectorProcess(['--db', path.join(root, 'reports.sqlite'), '--feed', feedDir]);
    stops.push(() => collector.stop());
    for (let i = 0; i < 3; i++) {
      await postReport(collector.reports, sampleReport({ appVersion: '1.0.0', verified: { native: 20, snarkjs: 0 }, failed: {}, workerCrashes: 0, timings: [{ domainPower: 13, proofs: 20, p50Ms: 280, p95Ms: 400 }] }));
      await postReport(collector.reports, sampleReport({ appVersion: '1.1.0', verified: { native: 12, snarkjs: 0 }, failed: { E_WORKER_CRASHED: 8 }, workerCrashes: 8, timings: [{ domainPower: 13, proofs: 12, p50Ms: 700, p95Ms: 1200 }] }));
    }
    const config = path.join(root, 'watch.json');
    await writeFile(config, JSON.stringify({ minInstalls: 3, minProofs: 40 }));
    const watch = await releaseCli(root, 'watch', '--channel', 'beta', '--db', path.join(root, 'reports.sqlite'), '--feed', feedDir, '--config', config);
    expect(watch.code).toBe(3);

    const page = await (await browser.newContext()).newPage();
    const consoleErrors: string[] = [];
    // Every error but a missing favicon and the refused request below (a CSP violation would show here).
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && consoleErrors.push(m.text()));
    const denied = await page.goto(collector.dashboard.replace(/token=\w+/, 'token=wrong'));
    expect(denied?.status()).toBe(403);

    const response = await page.goto(collector.dashboard);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    const beta = page.getByRole('region', { name: 'beta' });
    const row = (version: string) => beta.locator(`tbody tr[data-version="${version}"]`);
    expect(await row('1.0.0').locator('.installs').textContent()).toBe('3');
    expect(await row('1.0.0').locator('.proofs').textContent()).toBe('60');
    expect(await row('1.1.0').locator('.crash-rate').textContent()).toMatch(/^40 \(/);
    expect(await row('1.1.0').locator('.status').textContent()).toBe('halted (release watch)');
    expect(await row('1.0.0').locator('.status').textContent()).toBe('rolling out');
    expect(await row('1.1.0').textContent()).toContain('2^13: 1200 ms');
    // Charts: a bar for each rate of each version, and one for each p95.
    expect(await beta.locator('svg.rates g.failures').count()).toBe(2);
    expect(await beta.locator('svg.rates g[data-version="1.1.0"].crashes rect').count()).toBe(1);
    expect(await beta.locator('svg.timings g.p95').count()).toBe(2);
    const halts = page.locator('ul.halts li');
    expect(await halts.count()).toBe(1);
    expect(await halts.first().textContent()).toMatch(/beta 1\.1\.0 halted by release watch: WORSE crashes|halted by release watch: WORSE/);
    expect(await page.locator('script').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
