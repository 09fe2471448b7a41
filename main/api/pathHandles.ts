// Paths main has and the page may name only by a handle: a bundle main wrote, a file or folder
// the user picked in main's own dialog. The page gets an opaque id for this run, never the power
// to point main at any path it likes (a compromised page could otherwise reveal, open or move
// data to wherever it chose).
import { randomBytes } from 'node:crypto';
import { ZkError } from '../../common/errors.js';

export class PathHandles {
  private readonly paths = new Map<string, string>();

  /** A new handle for a path main chose or the user picked through main's dialog. */
  issue(file: string): string {
    const handle = randomBytes(16).toString('base64url');
    this.paths.set(handle, file);
    return handle;
  }

  /** The path behind a handle this run issued; anything else is refused. */
  resolve(handle: string): string {
    const file = this.paths.get(handle);
    if (file === undefined) {
      throw new ZkError('E_INPUT_INVALID', 'That file was not chosen in zkdesk this session: choose it again.', { problem: 'unknown path handle' });
    }
    return file;
  }
}
