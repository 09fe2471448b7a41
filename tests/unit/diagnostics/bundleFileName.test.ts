import { describe, expect, it } from 'vitest';
import { bundleFileName } from '../../../main/services/diagnostics/bundleFileName.js';

describe('a diagnostics bundle name', () => {
  it('is the UTC moment it was made, to the second, the same from a Date or its ISO text', () => {
    const at = new Date('2026-12-04T18:10:23.456Z');
    expect(bundleFileName(at)).toBe('zkdesk-diagnostics-20261204T181023Z.zip');
    expect(bundleFileName(at.toISOString())).toBe(bundleFileName(at));
  });

  it('sorts as the bundles were made', () => {
    const names = ['2026-12-04T18:10:23Z', '2026-01-31T23:59:59Z', '2026-12-04T09:00:00Z'].map((t) => bundleFileName(new Date(t)));
    expect([...names].sort()).toEqual([names[1], names[2], names[0]]);
  });
});
