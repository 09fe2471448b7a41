// Whether a tool is on PATH: the build skips a variant whose compiler is missing, the tests one
// whose runner (qemu-aarch64, wine) is.
import { execFileSync } from 'node:child_process';

export function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
