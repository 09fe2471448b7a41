// A beta tester in a browser on `zkdesk serve`, which may run on another machine: the bundle
// they write downloads to theirs, and their feedback, with no feedback address to send it to,
// is neither a dead end nor lost: it waits in the outbox, goes into the next bundle, and saves
// as a file. The downloaded bundle is checked by `zkdesk inspect`, as support would.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openServedPage } from '../support/servedPage.js';
import { startServe, type ServeProcess } from '../support/zkdeskServe.js';
import { checkScreen, goTo, type JourneyTarget } from '../support/journeys.js';
import { unzipEntries } from '../../support/unzipEntries.js';
import { projectRoot } from '../../../node/resourcePaths.js';

const run = promisify(execFile);
const MESSAGE = 'The stress-12 proof stalls at the prove step on my laptop, twice today.';

describe('a tester hands over a bundle and feedback from the browser', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let target: JourneyTarget;
  let downloads: string;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    downloads = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-downloads-'));
    serve = await startServe();
    ({ browser, page, target, pageErrors } = await openServedPage(serve, { acceptDownloads: true }));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rm(downloads, { recursive: true, force: true });
  });

  it('keeps feedback without a feedback address, says where it goes, and saves it as a file', async () => {
    await goTo(page, 'Diagnostics');
    const form = page.getByRole('region', { name: 'Send feedback' });
    expect(await form.locator('#feedback-where').textContent()).toMatch(/No feedback address is set.*nothing is lost.*next diagnostics bundle.*saved as a file/);
    await form.getByLabel('Your message').fill(MESSAGE);
    await form.getByRole('button', { name: 'Send feedback' }).click();
    await form.getByRole('status').filter({ hasText: 'It goes into the next diagnostics bundle you write' }).waitFor({ timeout: 30_000 });
    expect(await form.getByLabel('Your message').inputValue()).toBe('');
    await checkScreen(target, 'diagnostics-feedback-waiting');

    const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Save feedback as a file' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^zkdesk-feedback-\d{8}T\d{6}Z\.json$/);
    const saved = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as { format: string; messages: Array<{ message: string }> };
    expect(saved.format).toBe('zkdesk-feedback');
    expect(saved.messages.map((m) => m.message)).toEqual([MESSAGE]);
    await form.getByRole('status').filter({ hasText: /downloaded \(1 message\)/ }).waitFor();
  });

  it('downloads the written bundle, which holds the waiting feedback and passes `zkdesk inspect`', async () => {
    await goTo(page, 'Diagnostics');
    await page.getByRole('button', { name: 'Preview a bundle' }).click();
    const sections = page.getByRole('group', { name: 'Sections to include' });
    await sections.waitFor({ timeout: 60_000 });
    expect(await sections.getByRole('checkbox', { name: /^Feedback waiting to be sent/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Write the bundle' }).click();
    const link = page.getByRole('link', { name: 'Download the bundle' });
    await link.waitFor({ timeout: 60_000 });
    await checkScreen(target, 'diagnostics-bundle-written');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^zkdesk-diagnostics-\d{8}T\d{6}Z\.zip$/);
    const zip = path.join(downloads, download.suggestedFilename());
    await download.saveAs(zip);
    const { stdout } = await run(process.execPath, [path.join(projectRoot(), 'bin', 'zkdesk.js'), '--json', 'inspect', zip]);
    const report = JSON.parse(stdout) as { ok: boolean; summary: { sections: Array<{ id: string; included: boolean }>; feedback: Array<{ message: string }> } };
    expect(report.ok).toBe(true);
    expect(report.summary.sections.find((s) => s.id === 'feedback')?.included).toBe(true);
    // Support reads the tester's words in the summary, as they wrote them.
    expect(report.summary.feedback.map((f) => f.message)).toEqual([MESSAGE]);
    const text = (await run(process.execPath, [path.join(projectRoot(), 'bin', 'zkdesk.js'), 'inspect', zip])).stdout;
    expect(text).toContain(`Feedback waiting to be sent (1):`);
    expect(text).toContain(MESSAGE);
    const entries = await unzipEntries(zip);
    const feedback = [...entries].filter(([name]) => name.startsWith('feedback/'));
    expect(feedback.map(([name]) => name)).toEqual(['feedback/message-1.json']);

    // Read a bundle, as support would in the app: the tester's message is in the summary.
    await page.getByLabel(/^Bundle path/).fill(zip);
    await page.getByRole('button', { name: 'Open bundle' }).click();
    const summary = page.locator('.bundle-summary');
    await summary.getByText('Intact: every file matches its checksum.').waitFor({ timeout: 30_000 });
    expect(await summary.locator('.bundle-feedback li').allTextContents()).toEqual([expect.stringContaining(MESSAGE)]);
    await checkScreen(target, 'diagnostics-bundle-read-feedback');
    expect((JSON.parse(feedback[0]?.[1] ?? '{}') as { message: string }).message).toBe(MESSAGE);
  });

  it('serves a bundle only to the page that holds the token, and only one main wrote', async () => {
    const href = (await page.getByRole('link', { name: 'Download the bundle' }).getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/bundles\/[\w-]+$/);
    const origin = new URL(serve.url).origin;
    // No token (another site, another user on the machine): refused.
    expect((await fetch(`${origin}${href}`)).status).toBe(401);
    // With the page's cookie, a handle main never issued or a path in its place: not found.
    for (const other of ['/api/bundles/not-a-handle', '/api/bundles/..%2F..%2Fsettings.json', '/api/bundles/%2Fetc%2Fpasswd']) {
      expect((await page.request.get(`${origin}${other}`)).status()).toBe(404);
    }
    expect((await page.request.get(`${origin}${href}`)).status()).toBe(200);
  });

  it('raised no page errors', () => expect(pageErrors).toEqual([]));
});
