// Writes the selection as one zip with manifest.json: to a temporary file beside the target,
// synced, then renamed. A full disk or a refused path gives E_DISK_FULL or E_IO and leaves
// nothing half-written behind.
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { fileWriteError } from '../files/atomicWrite.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_PATH, type BundleManifest } from './bundleManifest.js';
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

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function writeBundle(plan: BundlePlan, options: WriteBundleOptions): Promise<WrittenBundle> {
  const selection = selectForBundle(plan, options);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    app: options.app,
    createdAt: plan.createdAt,
    installId: options.installId,
    sinceDays: plan.sinceDays,
    sizeCapBytes: selection.sizeCapBytes,
    files: selection.files.map((f) => ({ path: f.path, section: f.section, bytes: f.content.length, sha256: sha256(f.content) })),
    sections: selection.sections,
    cut: selection.cut,
  };

  const target = path.resolve(options.outPath);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  const mtime = new Date(plan.createdAt);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST_PATH, { mtime });
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
    throw fileWriteError(error, target);
  }
  return { path: target, bytes: (await stat(target)).size, manifest };
}
