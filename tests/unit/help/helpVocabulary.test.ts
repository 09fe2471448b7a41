// One vocabulary: what a warning is called in the app is what its help article is called, and
// the buttons, views and menu items help names exist in the UI. The same functions the build's
// help check (scripts/help/checkHelp.ts) runs, over the real help, advisor and renderer.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHelpTree } from '../../../main/services/help/helpLoader.js';
import { advisorWarningIds } from '../../../scripts/help/advisorWarningIds.js';
import { checkUiReferences, checkWarningTitles, readUiNames, uiReferences } from '../../../scripts/help/helpVocabulary.js';
import type { HelpArticle } from '../../../common/help/helpArticle.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const article = (id: string, title: string, details = ''): HelpArticle =>
  ({ id, title, summary: '', details, expert: '', tags: [], related: [], audience: ['tester'] }) as unknown as HelpArticle;

describe('one vocabulary across warnings, help and the UI', () => {
  it('holds for the real help, advisor rules and renderer', async () => {
    const tree = await readHelpTree(path.join(root, 'resources', 'help'));
    const warnings = await advisorWarningIds(path.join(root, 'main', 'services', 'advisor'));
    const ui = await readUiNames([path.join(root, 'renderer', 'src'), path.join(root, 'main', 'app', 'appMenu.ts')], path.join(root, 'resources', 'circuits'));
    expect(warnings.problems).toEqual([]);
    expect(checkWarningTitles(tree.articles, warnings.titles)).toEqual([]);
    expect(checkUiReferences(tree.articles, ui)).toEqual([]);
    // The names testers tripped over are the ones in use now.
    expect(warnings.titles.get('few-cores')).toEqual(['Few CPU cores available']);
    expect(warnings.titles.get('gpu-no-hardware-acceleration')).toEqual(['No GPU acceleration for the window', 'No GPU acceleration for the window']);
    expect(ui.has('measure again')).toBe(true);
  });

  it('catches a warning titled one way in the app and another in help', () => {
    const titles = new Map([['few-cores', ['Only 2 CPU cores available']]]);
    expect(checkWarningTitles([article('warnings/few-cores', 'Few CPU cores available')], titles)).toEqual([
      'warning "few-cores" is titled “Only 2 CPU cores available” in the app but its article warnings/few-cores is titled “Few CPU cores available”: use one name',
    ]);
  });

  it('catches help naming a button or a place the UI does not have', () => {
    const ui = new Set(['measure again', 'overview', 'settings', 'proving and logs']);
    const text = 'Press **Check again** on **Overview**, or open **Settings → Proving and logs**. A **witness** is not a button.';
    expect(uiReferences(text)).toEqual(['Check again', 'Settings', 'Proving and logs']);
    expect(checkUiReferences([article('warnings/heavy-swap', 'The machine is swapping heavily', text)], ui)).toEqual([
      'warnings/heavy-swap: tells the user to use “Check again”, which is not a button, view, section or menu item in the UI',
    ]);
  });

  it('refuses a warning title that is not one fixed string', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-rules-'));
    try {
      await writeFile(path.join(dir, 'coresRule.ts'), "return makeWarning('few-cores', 'info', {\n    title: `Only ${cores} CPU cores available`,\n    detail: 'x',\n");
      const read = await advisorWarningIds(dir);
      expect(read.problems).toEqual([expect.stringMatching(/^coresRule\.ts: warning "few-cores" has a title that is not one fixed string/)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
