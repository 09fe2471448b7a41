// Where the shipped resources (circuits, help) are: beside the sources in a checkout, or
// wherever the packaged app says (electron-builder copies them to process.resourcesPath).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function resourcesDir(): string {
  if (process.env.ZKDESK_RESOURCES_DIR) return path.resolve(process.env.ZKDESK_RESOURCES_DIR);
  // dist/main/services/resourcePaths.js -> <root>/resources
  return fileURLToPath(new URL('../../../resources/', import.meta.url));
}

export function bundledCircuitsDir(): string {
  return path.join(resourcesDir(), 'circuits');
}
