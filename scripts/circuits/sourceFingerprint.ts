// The incremental-build key: a hash over everything a build reads. Files are named by the
// include string that reached them (not by absolute path), so a copy of the circuits folder
// elsewhere has the same fingerprint and, the ceremony being deterministic, the same keys.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256Text } from './fileSha256.js';

export interface FingerprintInput {
  /** The circuit's circom file. */
  sourceFile: string;
  /** Where circom looks for an include that is not relative to the including file (its -l). */
  libraryDirs: string[];
  /** Further things the result depends on, by name: circuit.json, tool versions, ptau hash, recipe. */
  extras: Record<string, string>;
}

export interface Fingerprint {
  sha256: string;
  /** Every circom file read, main first, as absolute paths. */
  files: string[];
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

export function includesOf(source: string): string[] {
  return [...stripComments(source).matchAll(/\binclude\s+"([^"]+)"\s*;/g)].map((m) => m[1] ?? '');
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

// circom's own order: beside the including file first, then each library directory.
async function resolveInclude(spec: string, fromFile: string, libraryDirs: string[]): Promise<string> {
  for (const base of [path.dirname(fromFile), ...libraryDirs]) {
    const candidate = path.resolve(base, spec);
    if (await isFile(candidate)) return candidate;
  }
  throw new Error(`include "${spec}" in ${fromFile} was not found beside it nor in ${libraryDirs.join(', ')}`);
}

export async function fingerprintSources(input: FingerprintInput): Promise<Fingerprint> {
  const lines: string[] = [];
  const seen = new Set<string>();
  const visit = async (file: string, name: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const content = await readFile(file);
    lines.push(`source ${name} ${sha256Text(content)}`);
    for (const spec of includesOf(content.toString('utf8'))) {
      await visit(await resolveInclude(spec, file, input.libraryDirs), spec);
    }
  };
  await visit(input.sourceFile, path.basename(input.sourceFile));
  for (const key of Object.keys(input.extras).sort()) lines.push(`${key} ${input.extras[key]}`);
  return { sha256: sha256Text(lines.join('\n')), files: [...seen] };
}
