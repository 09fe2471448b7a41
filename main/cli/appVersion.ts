// The version the CLI reports: package.json's, read once. (The app asks Electron's app.getVersion().)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../node/resourcePaths.js';

let cached: string | undefined;

export function appVersion(): string {
  if (cached === undefined) {
    // The nearest package.json above this file: from dist/ (the CLI), from the sources (tests) and inside app.asar alike.
    const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cached;
}
