// Writes a file so that a reader sees the old contents or the new, never half: write a temp
// file beside it, flush it, rename over. A full disk becomes E_DISK_FULL and the old file stays.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../../common/errors.js';

export function fileWriteError(error: unknown, target: string): ZkError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const file = path.basename(target);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ZkError('E_DISK_FULL', `There is not enough free disk space to write ${file}.`, { file, errno: code }, { cause: error });
  }
  return new ZkError('E_IO', `${file} could not be written (${code ?? 'unknown error'}).`, { file, errno: code ?? null }, { cause: error });
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw fileWriteError(error, target);
  }
}
