// A file is replaced whole or not at all: write a temporary file beside it, fsync it, then
// rename over the target (atomic on one filesystem). A full disk or a refused path leaves the
// old file as it was and no temporary file behind, and is reported with a stable code.
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ZkError } from '../../../common/errors.js';

/** How bytes reach the temporary file; a test can pass one that fails like a full disk. */
export type WriteData = (handle: FileHandle, data: string | Uint8Array) => Promise<void>;

export const writeWhole: WriteData = async (handle, data) => {
  await handle.writeFile(data);
};

export interface AtomicWriteOptions {
  writeData?: WriteData;
  /** File mode for a new file: settings and bundles are the user's own. */
  mode?: number;
}

export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    // Folders zkdesk creates are the user's alone (0700), like its files (0600).
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    handle = await open(temp, 'wx', options.mode ?? 0o600);
    await (options.writeData ?? writeWhole)(handle, data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw fileWriteError(error, target);
  }
  await syncDirectory(path.dirname(target));
}

/** Makes the rename itself durable; Windows cannot open a directory, and does not need to. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

/** ENOSPC and quota errors become E_DISK_FULL; anything else the OS refuses becomes E_IO. */
export function fileWriteError(error: unknown, target: string): ZkError {
  if (error instanceof ZkError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ZkError('E_DISK_FULL', undefined, { path: target, reason }, { cause: error });
  }
  return new ZkError('E_IO', `Could not write ${path.basename(target)}.`, { path: target, code: typeof code === 'string' ? code : null, reason }, { cause: error });
}
