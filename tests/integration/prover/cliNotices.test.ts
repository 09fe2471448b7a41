// What `zkdesk prove` tells the person at the terminal about what it changed on its own: a
// damaged settings file it recovered, and a memory cap it raised. The real CLI, on stderr.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';

const run = promisify(execFile);
const zkdesk = path.join(projectRoot(), 'bin', 'zkdesk.js');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-notices-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

it('says that a damaged settings file was recovered, and why --memory-cap 50 became 64 MB (issue 15)', async () => {
  const dataDir = path.join(tmp, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'settings.json'), '{"schemaVersion": 1, "workerCount": ');
  const { stderr } = await run(process.execPath, [zkdesk, '--data-dir', dataDir, 'prove', '--circuit', 'poseidon-preimage', '--sample', '--memory-cap', '50']).catch(
    (error: { stderr: string }) => ({ stderr: error.stderr }),
  );
  expect(stderr).toContain('warning E_SETTINGS_CORRUPT:');
  expect(stderr).toMatch(/the damaged file was kept as settings\.corrupt-[^\s]+\.json/);
  expect(stderr).toContain('The memory cap of 50 MB was raised to 64 MB: a proving worker needs about that much');
  // The log keeps both too.
  const logs = await readdir(path.join(dataDir, 'logs'));
  const text = (await Promise.all(logs.map((name) => readFile(path.join(dataDir, 'logs', name), 'utf8')))).join('');
  expect(text).toContain('E_SETTINGS_CORRUPT');
  expect(text).toContain('raised to 64 MB');
});
