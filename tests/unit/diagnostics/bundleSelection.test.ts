import { describe, it, expect } from 'vitest';
import { selectForBundle, previewBundle } from '../../../main/services/diagnostics/bundleSelection.js';
import type { BundlePlan, PlannedFile } from '../../../main/services/diagnostics/bundlePlan.js';

function file(p: string, section: PlannedFile['section'], bytes: number, mtimeMs: number, lineBased = false): PlannedFile {
  const line = `${'x'.repeat(99)}\n`;
  const content = Buffer.from(line.repeat(Math.ceil(bytes / 100)).slice(0, bytes));
  return { path: p, section, content, mtimeMs, lineBased, binary: section === 'crashDumps' };
}

const plan: BundlePlan = {
  createdAt: '2099-01-01T00:00:00.000Z',
  sinceDays: null,
  sections: [
    { id: 'profile', title: 'System profile', files: [file('profile.json', 'profile', 2_000, 0)] },
    { id: 'calibration', title: 'Calibration', files: [], unavailable: 'not available in this host' },
    { id: 'settings', title: 'Settings', files: [file('settings.json', 'settings', 500, 0)] },
    {
      id: 'logs',
      title: 'Logs',
      files: [file('logs/old.jsonl', 'logs', 40_000, 1, true), file('logs/new.jsonl', 'logs', 40_000, 3, true), file('logs/mid.jsonl', 'logs', 40_000, 2, true)],
    },
    { id: 'crashDumps', title: 'Crash dumps', files: [file('crashes/dumps/a.dmp', 'crashDumps', 1_000, 5)], optIn: 'raw memory' },
  ],
};

describe('bundle selection', () => {
  it('keeps everything under a generous cap, except opt-in sections', () => {
    const s = selectForBundle(plan, { sizeCapBytes: 10 * 1024 * 1024 });
    expect(s.files.map((f) => f.path).sort()).toEqual(['logs/mid.jsonl', 'logs/new.jsonl', 'logs/old.jsonl', 'profile.json', 'settings.json']);
    expect(s.cut).toEqual([]);
    expect(s.sections.find((x) => x.id === 'crashDumps')).toMatchObject({ included: false, reason: expect.stringContaining('not included by default') });
    expect(s.sections.find((x) => x.id === 'calibration')).toMatchObject({ included: false, reason: 'not available in this host' });
    expect(selectForBundle(plan, { sizeCapBytes: 10 * 1024 * 1024, include: ['crashDumps'] }).files.map((f) => f.path)).toContain('crashes/dumps/a.dmp');
  });

  it('under a tight cap keeps settings and profile, then the newest log whole, the next one cut to its newest lines', () => {
    const s = selectForBundle(plan, { sizeCapBytes: 75_000 });
    const paths = s.files.map((f) => f.path);
    expect(paths).toEqual(['settings.json', 'profile.json', 'logs/new.jsonl', 'logs/mid.jsonl']);
    const mid = s.files.find((f) => f.path === 'logs/mid.jsonl');
    expect(mid?.content.length).toBeLessThan(40_000);
    expect(s.cut).toEqual([
      expect.objectContaining({ path: 'logs/mid.jsonl', reason: expect.stringMatching(/kept the newest \d+ of 400 lines/), originalBytes: 40_000 }),
      { path: 'logs/old.jsonl', section: 'logs', reason: 'size cap: left out', originalBytes: 40_000, keptBytes: 0 },
    ]);
    expect(s.sections.find((x) => x.id === 'logs')?.reason).toBe('cut to fit the size cap; the newest data was kept');
  });

  it('a section the user leaves out is not selected and says so; the preview carries the exact text', () => {
    const p = previewBundle(plan, { sizeCapBytes: 10 * 1024 * 1024, exclude: ['logs'] }, { app: { version: '1.0.0', channel: 'beta' }, installId: null });
    expect(p.sections.find((x) => x.id === 'logs')).toMatchObject({ included: false, reason: 'left out by the user', entries: [] });
    const settings = p.sections.find((x) => x.id === 'settings');
    expect(settings?.entries[0]?.text).toBe(plan.sections[2]?.files[0]?.content.toString('utf8'));
  });
});
