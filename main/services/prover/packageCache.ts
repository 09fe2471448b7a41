// Unpacked circuit packages live in the data directory's cache/packages, one folder per zip
// (keyed by its hash). The folder is bounded by bytes: after each unpack, the least recently
// used packages go until the rest fits. Using a package touches its folder, which is what
// "recently used" means here.
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';

/** Room for a few 2^20-constraint keys; the prover's own limits are far below it. */
export const PACKAGE_CACHE_BYTES = 4 * 1024 * 1024 * 1024;

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : ((await stat(full).catch(() => null))?.size ?? 0);
  }
  return total;
}

export async function touchPackage(dir: string): Promise<void> {
  const now = new Date();
  await utimes(dir, now, now).catch(() => {});
}

/** Deletes the least recently used package folders, never `keep`, until the rest fits in `capBytes`. */
export async function prunePackageCache(unpackDir: string, capBytes: number, keep: string): Promise<string[]> {
  const entries = await readdir(unpackDir, { withFileTypes: true }).catch(() => []);
  const packages = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && !e.name.includes('.partial-'))
      .map(async (e) => {
        const dir = path.join(unpackDir, e.name);
        return { dir, bytes: await folderBytes(dir), usedMs: (await stat(dir)).mtimeMs };
      }),
  );
  let total = packages.reduce((sum, p) => sum + p.bytes, 0);
  const removed: string[] = [];
  for (const p of packages.sort((a, b) => a.usedMs - b.usedMs)) {
    if (total <= capBytes) break;
    if (path.resolve(p.dir) === path.resolve(keep)) continue;
    await rm(p.dir, { recursive: true, force: true });
    total -= p.bytes;
    removed.push(path.basename(p.dir));
  }
  return removed;
}
