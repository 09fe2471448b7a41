// Where bin/zkdesk.js loads the CLI from: the bundle in dist/cli/ (scripts/cli/bundleCli.ts, built
// by `npm run build`) while it is newer than every `tsc -b` since, else the compiled modules in
// dist/main/cli/. The bundle is the same code in a few files and starts faster; the check keeps
// a developer's `tsc -b` after an edit from running the code as it was before the edit.
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** dist/, where this file is compiled to. */
const distDir = fileURLToPath(new URL('../', import.meta.url));

export const cliBundleDir = path.join(distDir, 'cli');

/** The projects `tsc -b` builds: it rewrites a project's build info only when it emits. */
const TSC_PROJECTS = ['common', 'workers', 'node'];

function bundleIsCurrent(dist: string, entry: string): boolean {
  try {
    const bundled = statSync(path.join(dist, 'cli', entry)).mtimeMs;
    return TSC_PROJECTS.every((project) => statSync(path.join(dist, '.tsbuildinfo', project)).mtimeMs <= bundled);
  } catch {
    return false;
  }
}

/** The URL of a CLI entry to import: from the bundle while it is current, else the compiled module. */
export function cliEntry(entry: 'main.js' | 'proverHeadStart.js', dist: string = distDir): string {
  return pathToFileURL(bundleIsCurrent(dist, entry) ? path.join(dist, 'cli', entry) : path.join(dist, 'main', 'cli', entry)).href;
}
