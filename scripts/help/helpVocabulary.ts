// One vocabulary across warnings, help, settings and buttons: a warning is called in the app
// what its help article is called, and a button, view, section or menu item that help tells the
// user to use exists under that exact name in the UI. Checked by checkHelp.ts and its unit test,
// so a renamed button or a reworded warning cannot leave help speaking of something else.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { warningHelpId, type HelpArticle } from '../../common/help/helpArticle.js';

/** Lower case, spaces collapsed, no trailing ellipsis or colon, no leading "the": how a name is compared. */
export function normalName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(…|\.\.\.|:)$/u, '')
    .replace(/^the /, '')
    .trim();
}

/** Each warning id's title must be its article's title, word for word. */
export function checkWarningTitles(articles: readonly HelpArticle[], titles: ReadonlyMap<string, readonly string[]>): string[] {
  const problems: string[] = [];
  for (const [id, names] of [...titles].sort(([a], [b]) => a.localeCompare(b))) {
    const article = articles.find((a) => a.id === warningHelpId(id));
    if (!article) continue;
    for (const name of names) {
      if (name !== article.title) problems.push(`warning "${id}" is titled “${name}” in the app but its article ${article.id} is titled “${article.title}”: use one name`);
    }
  }
  return problems;
}

// A bold phrase after one of these verbs names something to press or pick in the UI.
const ACTION = /\b(?:press|click|choose|select|tick|untick|use)\s+\*\*([^*\n]+)\*\*/gi;
// A bold path names a place: **Settings → Proving and logs**, **Help → Check for updates**.
const PATH = /\*\*([^*\n]*→[^*\n]*)\*\*/g;

/** The UI names a help text tells the user to use or go to. */
export function uiReferences(markdown: string): string[] {
  const names = new Set<string>();
  for (const match of markdown.matchAll(ACTION)) if (match[1] && !match[1].includes('→')) names.add(match[1].trim());
  for (const match of markdown.matchAll(PATH)) for (const part of (match[1] ?? '').split('→')) names.add(part.trim());
  return [...names];
}

export function checkUiReferences(articles: readonly HelpArticle[], uiNames: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const article of articles) {
    for (const depth of [article.summary, article.details, article.expert]) {
      for (const name of uiReferences(depth)) {
        if (!uiNames.has(normalName(name))) problems.push(`${article.id}: tells the user to use “${name}”, which is not a button, view, section or menu item in the UI`);
      }
    }
  }
  return [...new Set(problems)];
}

const LITERAL = /'((?:[^'\\\n]|\\.)+)'|"((?:[^"\\\n]|\\.)+)"|`([^`$\n]+)`/g;
const JSX_TEXT = />([^<>{}]+)</g;

/** Every string literal and JSX text in the renderer and the app menu, as names, and the bundled circuits' titles (the picker shows them). */
export async function readUiNames(roots: readonly string[], circuitsDir?: string): Promise<Set<string>> {
  const names = new Set<string>();
  if (circuitsDir) {
    for (const entry of await readdir(circuitsDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      try {
        const spec = JSON.parse(await readFile(path.join(circuitsDir, entry.name, 'circuit.json'), 'utf8')) as { title?: unknown };
        if (typeof spec.title === 'string') names.add(normalName(spec.title));
      } catch {
        // A folder without a circuit.json is not a circuit.
      }
    }
  }
  for (const file of await sourceFiles(roots)) {
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(LITERAL)) names.add(normalName(match[1] ?? match[2] ?? match[3] ?? ''));
    for (const match of source.matchAll(JSX_TEXT)) names.add(normalName(match[1] ?? ''));
  }
  names.delete('');
  return names;
}

async function sourceFiles(roots: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const root of roots) {
    if (/\.tsx?$/.test(root)) {
      files.push(root);
      continue;
    }
    for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && /\.tsx?$/.test(entry.name)) files.push(path.join(entry.parentPath, entry.name));
    }
  }
  return files.sort();
}
