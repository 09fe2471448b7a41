// Where the compiled worker scripts are, for whichever launcher starts them. Beside this file
// when running from dist/; from the sources (tests, tsx), the compiled copy in dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../node/resourcePaths.js';

function compiled(name: string): string {
  const beside = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return existsSync(beside) ? beside : path.join(projectRoot(), 'dist', 'native-workers', name);
}

export const proverWorkerScript = compiled('prover.js');
export const calibrationWorkerScript = compiled('calibrate.js');
