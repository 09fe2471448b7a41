// A machine whose NVIDIA driver does not answer: systeminformation would wait for nvidia-smi
// synchronously, freezing every other section's time limit. Stand-in lspci and nvidia-smi on
// PATH play that machine; the real `zkdesk profile` must come back whole, with the GPU's
// nvidia-smi marked unavailable, before nvidia-smi itself has finished.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { systemProfileSchema } from '../../../common/profiler/systemProfile.js';

const run = promisify(execFile);
const zkdesk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/zkdesk.js');
const HANG_S = 8;
let tmp: string;
let finished: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-hung-gpu-'));
  finished = path.join(tmp, 'nvidia-smi-finished');
  // lspci answering with no devices makes systeminformation go on to nvidia-smi, as it does on a GPU server.
  await writeFile(path.join(tmp, 'lspci'), '#!/bin/sh\nexit 0\n');
  await writeFile(path.join(tmp, 'nvidia-smi'), `#!/bin/sh\nsleep ${HANG_S}\ntouch '${finished}'\n`);
  await chmod(path.join(tmp, 'lspci'), 0o755);
  await chmod(path.join(tmp, 'nvidia-smi'), 0o755);
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('a GPU driver that does not answer', () => {
  it('leaves every other section intact and the profile ends without waiting for it', async () => {
    const env = { ...process.env, PATH: `${tmp}${path.delimiter}${process.env.PATH ?? ''}` };
    const { stdout } = await run(process.execPath, [zkdesk, '--data-dir', path.join(tmp, 'data'), 'profile', '--json'], { env });
    const profile = systemProfileSchema.parse(JSON.parse(stdout));

    for (const section of ['cpu', 'memory', 'os', 'system', 'disk', 'runtime', 'load'] as const) {
      expect(profile[section], section).toMatchObject({ status: 'ok' });
    }
    expect(profile.fingerprint.complete).toBe(true);
    expect(profile.gpu).toMatchObject({ status: 'ok', nvidia: { status: 'unavailable', reason: expect.stringMatching(/did not answer/) } });
    // The CLI has exited, its output read: nvidia-smi is still asleep.
    expect(existsSync(finished)).toBe(false);
  });
});
