// Reads the whole help tree from disk (resources/help/**.md) into articles. Each file's id must
// be its path: `warnings/on-battery` lives in warnings/on-battery.md, so a link can never point
// at the wrong file. Every problem in every file is collected, not just the first, so one run
// of the check lists all there is to fix.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HelpArticle } from '../../../common/help/helpArticle.js';
import { HelpArticleError, parseHelpArticle } from './parseArticle.js';
import { resourcesDir } from '../../../node/resourcePaths.js';

export interface HelpTree {
  articles: HelpArticle[];
  /** One line per problem, each naming its file. */
  problems: string[];
}

export class HelpContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`The help content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'HelpContentError';
  }
}

export function helpDir(): string {
  return path.join(resourcesDir(), 'help');
}

/** Markdown files under root, as paths relative to it with forward slashes, sorted. */
async function markdownFiles(root: string, sub = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(root, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await markdownFiles(root, rel)));
    // A README at the top describes the format; it is not an article.
    else if (entry.isFile() && entry.name.endsWith('.md') && rel !== 'README.md') found.push(rel);
  }
  return found.sort();
}

export async function readHelpTree(root: string = helpDir()): Promise<HelpTree> {
  const articles: HelpArticle[] = [];
  const problems: string[] = [];
  let files: string[];
  try {
    files = await markdownFiles(root);
  } catch (error) {
    return { articles, problems: [`${root}: the help folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`] };
  }
  for (const rel of files) {
    try {
      const article = parseHelpArticle(await readFile(path.join(root, rel), 'utf8'), rel);
      const expected = rel.slice(0, -'.md'.length);
      if (article.id !== expected) {
        problems.push(`${rel}: id "${article.id}" does not match the file's place (expected "${expected}")`);
        continue;
      }
      articles.push(article);
    } catch (error) {
      problems.push(error instanceof HelpArticleError ? error.message : `${rel}: ${String(error)}`);
    }
  }
  return { articles, problems };
}

/** Every article, or a HelpContentError listing every broken file. */
export async function loadHelpArticles(root: string = helpDir()): Promise<HelpArticle[]> {
  const tree = await readHelpTree(root);
  if (tree.problems.length > 0) throw new HelpContentError(tree.problems);
  return tree.articles;
}
