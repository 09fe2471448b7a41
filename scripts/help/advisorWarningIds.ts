// The warning ids the advisor can raise, read from its sources: every `makeWarning('<id>', …)`
// in main/services/advisor. Reading the source (rather than running the rules over fixtures)
// finds a new rule's id the moment it is written, whatever profile it needs to fire. A call
// whose id is not a string literal cannot be checked, so it is reported rather than skipped.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface AdvisorWarningIds {
  ids: string[];
  /** Each id's titles as written in its rule: one fixed string each, so help can carry the same name. */
  titles: Map<string, string[]>;
  problems: string[];
}

// The `title:` of a makeWarning call, within the call's first lines.
const TITLE = /^[\s\S]{0,400}?\btitle:\s*([^\n]*?),?\s*(?:\/\/[^\n]*)?\n/;
const STRING = /^'([^'\\]*)'$/;

const CALL = /makeWarning\(\s*([^,)]*)/g;
const LITERAL = /^(['"`])([a-z0-9][a-z0-9-]*)\1$/;

export async function advisorWarningIds(advisorDir: string): Promise<AdvisorWarningIds> {
  const ids = new Set<string>();
  const titles = new Map<string, string[]>();
  const problems: string[] = [];
  const files = (await readdir(advisorDir)).filter((f) => f.endsWith('.ts')).sort();
  for (const file of files) {
    const source = await readFile(path.join(advisorDir, file), 'utf8');
    for (const match of source.matchAll(CALL)) {
      const argument = (match[1] ?? '').trim();
      // The definition itself: `export function makeWarning(id: string, …`.
      if (/^id\s*:/.test(argument)) continue;
      const literal = LITERAL.exec(argument);
      if (literal?.[2]) {
        ids.add(literal[2]);
        const title = TITLE.exec(source.slice((match.index ?? 0) + match[0].length))?.[1]?.trim() ?? '';
        const fixed = STRING.exec(title)?.[1];
        if (fixed !== undefined) titles.set(literal[2], [...(titles.get(literal[2]) ?? []), fixed]);
        else problems.push(`${file}: warning "${literal[2]}" has a title that is not one fixed string (${title.slice(0, 60)}): give it one name, the same as its article's, and put what varies in the detail`);
      } else problems.push(`${file}: makeWarning(${argument.slice(0, 40)}, …) does not name its warning id as a string literal, so its article cannot be checked`);
    }
  }
  if (ids.size === 0) problems.push(`${advisorDir}: no makeWarning('<id>', …) call found; has the advisor moved?`);
  return { ids: [...ids].sort(), titles, problems };
}
