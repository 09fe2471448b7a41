// Writes the selection as one zip with manifest.json: to a temporary file beside the target,
// synced, then renamed. A full disk or a refused path gives E_DISK_FULL or E_IO and leaves
// nothing half-written behind: not the temporary file, nor the folders made for it.
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { fileWriteError } from '../files/atomicWrite.js';
import { MANIFEST_PATH, type BundleManifest } from '../../../common/diagnostics/bundleManifest.js';
import { buildManifest, manifestText } from './manifestBuilder.js';
import type { BundlePlan } from './bundlePlan.js';
import { selectForBundle, type SelectionOptions } from './bundleSelection.js';

export interface WriteBundleOptions extends SelectionOptions {
  outPath: string;
  app: { version: string; channel: string };
  installId: string | null;
  /** Where the zip bytes go; a test can pass one that fails like a full disk. */
  createOutput?: (tempPath: string) => Writable;
}

export interface WrittenBundle {
  path: string;
  bytes: number;
  manifest: BundleManifest;
}

export { sha256 } from './manifestBuilder.js';

export async function writeBundle(plan: BundlePlan, options: WriteBundleOptions): Promise<WrittenBundle> {
  const selection = selectForBundle(plan, options);
  const manifest: BundleManifest = buildManifest({ app: options.app, installId: options.installId, createdAt: plan.createdAt, sinceDays: plan.sinceDays }, selection);

  const target = path.resolve(options.outPath);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  const mtime = new Date(plan.createdAt);
  let madeFolder: string | undefined;
  try {
    madeFolder = await mkdir(path.dirname(target), { recursive: true });
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(manifestText(manifest)), MANIFEST_PATH, { mtime });
    for (const file of selection.files) zip.addBuffer(file.content, file.path, { mtime, compress: !file.binary || file.content.length < 1 << 20 });
    zip.end();
    const output = options.createOutput ? options.createOutput(temp) : createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    await pipeline(zip.outputStream, output);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (madeFolder) await removeMadeFolders(path.dirname(target), madeFolder);
    throw fileWriteError(error, target);
  }
  return { path: target, bytes: (await stat(target)).size, manifest };
}

/** Removes the folders mkdir made for this bundle, deepest first, stopping at one that is not empty (someone else's now). */
async function removeMadeFolders(deepest: string, topmost: string): Promise<void> {
  for (let dir = deepest; dir.length >= topmost.length; dir = path.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    if (dir === topmost) return;
  }
}
