// Where the shipped resources (circuits, help) are: beside the sources in a checkout, or
// wherever the packaged app says (electron-builder copies them to process.resourcesPath).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this file holding package.json (works from dist/ and from sources). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('zkdesk: cannot find the project root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export function resourcesDir(): string {
  if (process.env.ZKDESK_RESOURCES_DIR) return path.resolve(process.env.ZKDESK_RESOURCES_DIR);
  return path.join(projectRoot(), 'resources');
}

export function bundledCircuitsDir(): string {
  return path.join(resourcesDir(), 'circuits');
}

/**
 * The circuit build script (scripts/circuits, compiled): in a source checkout only. An installed
 * app ships built circuits and no compiler, so it is absent there.
 */
export function circuitBuilderScript(): string {
  return path.join(projectRoot(), 'dist', 'scripts', 'circuits', 'buildCircuits.js');
}
