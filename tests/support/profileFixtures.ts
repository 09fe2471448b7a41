// The recorded machine profiles in tests/fixtures/profiles, read and validated.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemProfileSchema, type SystemProfile } from '../../common/profiler/systemProfile.js';

export const profileFixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/profiles');

export const profileFixtureNames = fs
  .readdirSync(profileFixturesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

export function readProfileFixtureText(name: string): string {
  return fs.readFileSync(path.join(profileFixturesDir, `${name}.json`), 'utf8');
}

export function loadProfile(name: string): SystemProfile {
  return systemProfileSchema.parse(JSON.parse(readProfileFixtureText(name)));
}
