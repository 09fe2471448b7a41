// Turns one markdown file into a HelpArticle, or refuses it naming the file and the problem.
// The front matter is YAML read by js-yaml (already a dependency, pure JavaScript, no Node
// built-ins, so this file runs in the renderer too; gray-matter would bring fs and an old
// js-yaml 3 along for a split we do in five lines). The CORE schema keeps values plain: no
// dates or binary turning up where a string was meant.
import yaml from 'js-yaml';
import { helpFrontMatterSchema, type HelpArticle } from '../../../common/help/helpArticle.js';

export class HelpArticleError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'HelpArticleError';
  }
}

/** The two level-2 sections every article has, in this order. */
export const ARTICLE_SECTIONS = ['Details', 'Expert'] as const;

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;
const FENCE = /^\s{0,3}(```|~~~)/;
const HEADING = /^\s{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;

function splitFrontMatter(text: string, file: string): { raw: string; body: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new HelpArticleError(file, 'no front matter: the file must start with a line "---", the YAML, and a closing "---"');
  return { raw: match[1] ?? '', body: text.slice(match[0].length) };
}

function readFrontMatter(raw: string, file: string) {
  let data: unknown;
  try {
    data = yaml.load(raw, { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.message : String(error);
    throw new HelpArticleError(file, `front matter is not valid YAML: ${reason}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new HelpArticleError(file, 'front matter must be a YAML mapping (id, title, summary, tags, …)');
  }
  const parsed = helpFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const where = i.path.length ? i.path.join('.') : 'front matter';
      // zod words an absent key as a type error ("expected string, received undefined").
      const missing = i.code === 'invalid_type' && /received undefined/.test(i.message);
      return `${where}: ${missing ? 'missing' : i.message}`;
    });
    throw new HelpArticleError(file, `invalid front matter (${issues.join('; ')})`);
  }
  return parsed.data;
}

/** Splits the body at its level-2 headings, ignoring anything inside fenced code blocks. */
function readSections(body: string, file: string): Record<(typeof ARTICLE_SECTIONS)[number], string> {
  const found: Array<{ name: string; lines: string[] }> = [];
  const before: string[] = [];
  let fence: string | null = null;
  for (const line of body.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      else if (marker === fence) fence = null;
    }
    const heading = fence === null && !fenceMatch ? HEADING.exec(line) : null;
    if (heading && heading[1] === '#') {
      throw new HelpArticleError(file, `a level-1 heading ("${heading[2] ?? ''}") in the body: the title belongs in the front matter`);
    }
    if (heading && heading[1] === '##') {
      found.push({ name: heading[2] ?? '', lines: [] });
      continue;
    }
    (found.at(-1)?.lines ?? before).push(line);
  }
  if (fence !== null) throw new HelpArticleError(file, `a code block opened with ${fence} is never closed`);
  if (before.some((l) => l.trim() !== '')) {
    throw new HelpArticleError(file, 'text before "## Details": the body starts with "## Details" (the summary belongs in the front matter)');
  }
  const names = found.map((s) => s.name);
  if (names.length !== ARTICLE_SECTIONS.length || names.some((n, i) => n !== ARTICLE_SECTIONS[i])) {
    const seen = names.length ? names.map((n) => `"## ${n}"`).join(', ') : 'none';
    throw new HelpArticleError(file, `the body must have exactly two level-2 sections, "## Details" then "## Expert" (found: ${seen})`);
  }
  const [details, expert] = found.map((s) => s.lines.join('\n').trim()) as [string, string];
  if (!details) throw new HelpArticleError(file, 'the "## Details" section is empty');
  if (!expert) throw new HelpArticleError(file, 'the "## Expert" section is empty');
  return { Details: details, Expert: expert };
}

/**
 * Parses an article. `file` names it in every error (a path relative to resources/help reads
 * best). Line endings and a byte-order mark are normalised first, so a file saved on Windows
 * parses the same.
 */
export function parseHelpArticle(source: string, file: string): HelpArticle {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { raw, body } = splitFrontMatter(text, file);
  const front = readFrontMatter(raw, file);
  const sections = readSections(body, file);
  const article: HelpArticle = {
    id: front.id,
    title: front.title,
    summary: front.summary,
    tags: front.tags,
    related: front.related,
    details: sections.Details,
    expert: sections.Expert,
  };
  if (front.audience) article.audience = front.audience;
  return article;
}
