// The size cap counts everything in the zip, manifest.json and its list of cuts included; the
// preview shows the manifest exactly as written; a failed write leaves no folder it made.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import path from 'node:path';
import os from 'node:os';
import { planBundle } from '../../../main/services/diagnostics/bundlePlan.js';
import { previewBundle } from '../../../main/services/diagnostics/bundleSelection.js';
import { writeBundle } from '../../../main/services/diagnostics/bundleWriter.js';
import { openBundle } from '../../../main/services/diagnostics/bundleReader.js';
import { createRedactor } from '../../../main/services/diagnostics/redact.js';

let dir: string;
const about = { app: { version: '0.1.0', channel: 'beta' }, installId: '5b0e4c1a-8f3d-4e2b-9a71-c6d5e4f3a2b1' };
const sources = { warnings: async () => ({ warnings: [] }), calibration: async () => null };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bcap-'));
  const logs = path.join(dir, 'data', 'logs');
  await mkdir(logs, { recursive: true });
  // Many small log files: cutting them one by one would make the manifest alone bigger than the cap.
  for (let i = 0; i < 1500; i++) {
    const name = `main-20990101T${String(Math.floor(i / 60) % 24).padStart(2, '0')}${String(i % 60).padStart(2, '0')}00Z-${1000 + i}-0.jsonl`;
    await writeFile(path.join(logs, name), `${JSON.stringify({ level: 'info', time: '2099-01-01T00:00:00.000Z', scope: 'main', msg: `file ${i} ${'y'.repeat(200)}` })}\n`);
  }
  await writeFile(path.join(dir, 'data', 'settings.json'), JSON.stringify({ installId: about.installId, theme: 'dark' }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bundle size cap', () => {
  it.each([[24 * 1024], [64 * 1024], [256 * 1024]])('with 1,500 log files and a cap of %i bytes the zip, manifest included, stays under the cap and reads back intact', async (cap) => {
    const plan = await planBundle({ dataDir: path.join(dir, 'data'), sources, redactor: createRedactor({}) });
    const out = path.join(dir, `capped-${cap}.zip`);
    const written = await writeBundle(plan, { ...about, outPath: out, sizeCapBytes: cap });
    expect((await stat(out)).size).toBeLessThanOrEqual(cap);
    expect(written.manifest.cut.length).toBeGreaterThan(0);
    // What was cut is said, if need be as one line for the folder.
    const logsCut = written.manifest.cut.filter((c) => c.section === 'logs');
    const leftOut = logsCut.reduce((n, c) => n + Number(/left out (\d+) files/.exec(c.reason)?.[1] ?? (c.keptBytes === 0 ? 1 : 0)), 0);
    const kept = written.manifest.files.filter((f) => f.section === 'logs').length;
    expect(kept + leftOut).toBe(1500);
    expect(written.manifest.files.some((f) => f.path === 'settings.json')).toBe(true);
    const opened = await openBundle(out);
    expect(opened.integrity.ok).toBe(true);
  });

  it('the preview shows manifest.json byte for byte as the writer writes it', async () => {
    const plan = await planBundle({ dataDir: path.join(dir, 'data'), sources, redactor: createRedactor({}) });
    const options = { sizeCapBytes: 64 * 1024, exclude: [] };
    const preview = previewBundle(plan, options, about);
    expect(preview.manifest.path).toBe('manifest.json');
    const out = path.join(dir, 'previewed.zip');
    await writeBundle(plan, { ...options, ...about, outPath: out });
    const opened = await openBundle(out);
    expect(opened.files.get('manifest.json')?.toString('utf8')).toBe(preview.manifest.text);
    expect(preview.manifest.bytes).toBe(Buffer.byteLength(preview.manifest.text));
  });

  it('a write that fails removes the folders it made for the bundle, and only those', async () => {
    const plan = await planBundle({ dataDir: path.join(dir, 'data'), sources, redactor: createRedactor({}) });
    const existing = path.join(dir, 'existing');
    await mkdir(existing);
    const out = path.join(existing, 'new', 'deeper', 'b.zip');
    const failing = () =>
      new Writable({
        write(_chunk, _enc, done) {
          done(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
        },
      });
    await expect(writeBundle(plan, { ...about, outPath: out, sizeCapBytes: 1 << 20, createOutput: failing })).rejects.toMatchObject({ code: 'E_DISK_FULL' });
    expect(await readdir(existing)).toEqual([]);
  });
});
