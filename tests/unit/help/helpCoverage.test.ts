import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCodes } from '../../../common/errors.js';
import type { HelpArticle } from '../../../common/help/helpArticle.js';
import { checkHelpCoverage } from '../../../main/services/help/helpCoverage.js';
import { HelpContentError, helpDir, loadHelpArticles, readHelpTree } from '../../../main/services/help/helpLoader.js';
import { projectRoot } from '../../../node/resourcePaths.js';
import { advisorWarningIds } from '../../../scripts/help/advisorWarningIds.js';

const advisorDir = path.join(projectRoot(), 'main', 'services', 'advisor');

describe('the shipped help content', () => {
  it('parses, covers every advisor warning and error code, and has no dangling related link', async () => {
    const tree = await readHelpTree(helpDir());
    const warnings = await advisorWarningIds(advisorDir);
    expect(tree.problems).toEqual([]);
    expect(warnings.problems).toEqual([]);
    expect(checkHelpCoverage({ articles: tree.articles, warningIds: warnings.ids, errorCodes })).toEqual([]);
  });

  it('has the guides the app links to', async () => {
    const ids = new Set((await loadHelpArticles()).map((a) => a.id));
    for (const guide of [
      'guides/what-is-a-zk-proof',
      'guides/why-proving-needs-memory-and-time',
      'guides/hardware-requirements',
      'guides/getting-started',
      'guides/troubleshooting',
      'guides/privacy',
      'guides/updates-and-channels',
      'guides/circuit-packages',
    ]) {
      expect(ids, guide).toContain(guide);
    }
  });

  it('reads the warning ids from the advisor sources', async () => {
    const { ids } = await advisorWarningIds(advisorDir);
    expect(ids).toContain('on-battery');
    expect(ids).toContain('memory-insufficient-for-circuit');
    expect(ids.every((id) => /^[a-z0-9-]+$/.test(id))).toBe(true);
  });
});

describe('checkHelpCoverage', () => {
  const article = (id: string, related: string[] = []): HelpArticle => ({ id, title: id, summary: 's.', tags: ['t'], related, details: 'd', expert: 'e' });

  it('names each missing article, dangling link, self link and stale article', () => {
    const problems = checkHelpCoverage({
      articles: [article('warnings/on-battery', ['guides/nowhere', 'warnings/on-battery']), article('errors/E_GONE')],
      warningIds: ['on-battery', 'few-cores'],
      errorCodes: ['E_IO'],
    });
    expect(problems).toEqual([
      'warning "few-cores" has no article (expected warnings/few-cores.md)',
      'error code E_IO has no article (expected errors/E_IO.md)',
      'warnings/on-battery: related "guides/nowhere" points to no article',
      'warnings/on-battery: lists itself as related',
      'errors/E_GONE: no such code in common/errors.ts (renamed or removed?)',
    ]);
  });
});

describe('readHelpTree', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const good = (id: string) => `---\nid: ${id}\ntitle: T\nsummary: S.\ntags: [t]\n---\n## Details\n\nd\n\n## Expert\n\ne\n`;

  it('lists every broken file, each by its path, and the loader refuses the tree', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-help-'));
    await mkdir(path.join(dir, 'guides'));
    await mkdir(path.join(dir, 'warnings'));
    await writeFile(path.join(dir, 'README.md'), '# About this folder\n');
    await writeFile(path.join(dir, 'guides', 'ok.md'), good('guides/ok'));
    await writeFile(path.join(dir, 'guides', 'moved.md'), good('guides/elsewhere'));
    await writeFile(path.join(dir, 'warnings', 'broken.md'), '---\nid: warnings/broken\ntitle: T\nsummary: S.\ntags: [t]\n---\n## Details\n\nd\n');

    const tree = await readHelpTree(dir);
    expect(tree.articles.map((a) => a.id)).toEqual(['guides/ok']);
    expect(tree.problems).toHaveLength(2);
    expect(tree.problems[0]).toBe('guides/moved.md: id "guides/elsewhere" does not match the file\'s place (expected "guides/moved")');
    expect(tree.problems[1]).toMatch(/^warnings\/broken\.md: the body must have exactly two level-2 sections/);

    const error = await loadHelpArticles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpContentError);
    expect((error as HelpContentError).message).toContain('The help content has 2 problems');
  });

  it('reports a help folder that does not exist', async () => {
    const tree = await readHelpTree(path.join(os.tmpdir(), 'zkdesk-help-does-not-exist'));
    expect(tree.articles).toEqual([]);
    expect(tree.problems[0]).toMatch(/the help folder cannot be read \(ENOENT\)/);
  });
});
