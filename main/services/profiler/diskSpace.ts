// Free space where zkdesk writes (keys cache, logs, bundles). The data directory may not exist
// yet on a first run, so the nearest existing parent is measured: it is the same file system
// the directory will be created on, or at worst the mount it will be created under.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DiskFacts } from '../../../common/profiler/systemProfile.js';

async function nearestExisting(dir: string): Promise<{ dir: string; isDataDir: boolean }> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      await fs.access(current);
      return { dir: current, isDataDir: current === path.resolve(dir) };
    } catch {
      const parent = path.dirname(current);
      if (parent === current) throw new Error('no existing directory above the data directory');
      current = parent;
    }
  }
}

export async function diskFactsFor(dataDir: string): Promise<DiskFacts> {
  const target = await nearestExisting(dataDir);
  const stats = await fs.statfs(target.dir);
  return {
    // bavail, not bfree: blocks reserved for root are not ours to fill.
    freeBytes: stats.bavail * stats.bsize,
    totalBytes: stats.blocks * stats.bsize,
    measuredAt: target.isDataDir ? 'dataDir' : 'ancestor',
  };
}
