// The user guide shows only pictures the browser journeys take (so a picture cannot outlive the
// screen it shows), and every one of them is in docs/images.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_IMAGES, DOC_IMAGE_DIR } from '../../e2e/support/screenChecks.js';

const docs = path.resolve(import.meta.dirname, '..', '..', '..', 'docs');

describe('docs/user-guide.md', () => {
  it('shows the pictures the journeys take, and they are all there', async () => {
    const guide = await readFile(path.join(docs, 'user-guide.md'), 'utf8');
    const shown = [...guide.matchAll(/!\[[^\]]+\]\(images\/([\w-]+)\.png\)/g)].map((m) => m[1]);
    expect([...shown].sort()).toEqual([...DOC_IMAGES].sort());
    for (const name of shown) expect(existsSync(path.join(DOC_IMAGE_DIR, `${name}.png`)), `docs/images/${name}.png`).toBe(true);
  });

  it('links the support guide, which reads a bundle with zkdesk inspect and --diff', async () => {
    const guide = await readFile(path.join(docs, 'user-guide.md'), 'utf8');
    expect(guide).toContain('(support-guide.md)');
    const support = await readFile(path.join(docs, 'support-guide.md'), 'utf8');
    expect(support).toMatch(/zkdesk inspect bundle\.zip/);
    expect(support).toMatch(/zkdesk inspect --diff/);
  });
});
