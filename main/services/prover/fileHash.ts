// sha256 of artifact files, remembered by (path, size, mtime, inode) so a proving key is
// hashed once per change rather than once per job.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class FileHashCache {
  private readonly known = new Map<string, { stamp: string; sha256: string }>();

  async hash(path: string): Promise<{ sha256: string; bytes: number }> {
    const info = await stat(path);
    const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
    const cached = this.known.get(path);
    if (cached?.stamp === stamp) return { sha256: cached.sha256, bytes: info.size };
    const sha256 = await sha256File(path);
    this.known.set(path, { stamp, sha256 });
    return { sha256, bytes: info.size };
  }
}
