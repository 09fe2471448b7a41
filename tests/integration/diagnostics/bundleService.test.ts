// The app's bundle flow: preview, untick a section, write; the written zip holds exactly the
// previewed bytes even when the logs grew in between; the reader then summarises it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { BundleService } from '../../../main/services/diagnostics/bundleService.js';
import { openBundle } from '../../../main/services/diagnostics/bundleReader.js';
import { createRedactor } from '../../../main/services/diagnostics/redact.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bsvc-'));
  await mkdir(path.join(dir, 'logs'), { recursive: true });
  await writeFile(path.join(dir, 'logs', 'main-20990101T000000Z-1-0.jsonl'), '{"level":"warn","msg":"slow on alice@example.com"}\n');
  await mkdir(path.join(dir, 'bench'), { recursive: true });
  await writeFile(path.join(dir, 'bench', 'b.json'), '{"ratio":1.1}');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bundle service', () => {
  it('writes what was previewed, with the user’s final choices', async () => {
    const service = new BundleService({
      dataDir: dir,
      sources: { warnings: async () => ({ warnings: [] }), calibration: async () => null },
      redactor: () => createRedactor({}),
      app: () => ({ version: '0.1.0', channel: 'beta' }),
      installId: () => null,
    });
    const { planId, preview } = await service.preview();
    const logEntry = preview.sections.find((s) => s.id === 'logs')?.entries[0];
    expect(logEntry?.text).toBe('{"level":"warn","msg":"slow on [email]"}\n');
    expect(preview.sections.find((s) => s.id === 'calibration')).toMatchObject({ included: false, reason: 'no data yet' });

    await appendFile(path.join(dir, 'logs', 'main-20990101T000000Z-1-0.jsonl'), '{"level":"error","msg":"written after the preview"}\n');
    const written = await service.write(planId, path.join(dir, 'out.zip'), { exclude: ['bench'] });
    const opened = await openBundle(written.path);
    expect(opened.integrity.ok).toBe(true);
    expect(opened.files.get('logs/main-20990101T000000Z-1-0.jsonl')?.toString()).toBe(logEntry?.text);
    expect(opened.files.has('bench/b.json')).toBe(false);
    expect(written.manifest.sections.find((s) => s.id === 'bench')).toMatchObject({ included: false, reason: 'left out by the user' });
    expect((await service.inspect(written.path)).logProblems.map((l) => l.msg)).toEqual(['slow on [email]']);
    await expect(service.write(planId, path.join(dir, 'again.zip'))).rejects.toThrow(/expired/);
  });
});
