// The version the CLI reports: package.json's, read once. (The app asks Electron's app.getVersion().)
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function appVersion(): string {
  if (cached === undefined) {
    // dist/main/cli/appVersion.js and main/cli/appVersion.ts are both three levels below the root.
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cached;
}
