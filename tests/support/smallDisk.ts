// A real, small disk for full-disk tests: a tmpfs the kernel itself fills, so ENOSPC comes from
// the operating system and not from a stub. Mounting needs root and a kernel that allows it;
// where it is refused, the caller skips and this prints why.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Writes ballast until the kernel refuses even a small block. */
  fill(): Promise<void>;
  release(): Promise<void>;
}

export async function mountSmallDisk(size = '64k'): Promise<SmallDisk | null> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    process.stdout.write(`skipped: cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})\n`);
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    fill: async () => {
      let i = 0;
      for (const block of [4096, 1024, 1]) {
        for (;;) {
          try {
            await writeFile(path.join(dir, `ballast-${i++}`), Buffer.alloc(block));
          } catch {
            break;
          }
        }
      }
    },
    release: async () => {
      execFileSync('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
