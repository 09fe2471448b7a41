// `zkdesk profile` as a support engineer runs it on a machine without a display.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { systemProfileSchema } from '../../../common/profiler/systemProfile.js';

const run = promisify(execFile);
const zkdesk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/zkdesk.js');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-profile-cli-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('zkdesk profile', () => {
  it('prints the profile as JSON with --json', async () => {
    const { stdout } = await run(process.execPath, [zkdesk, '--data-dir', path.join(tmp, 'data'), 'profile', '--json']);
    const parsed = systemProfileSchema.safeParse(JSON.parse(stdout));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('prints readable tables by default, and creates nothing in the data directory', async () => {
    const dataDir = path.join(tmp, 'fresh');
    const { stdout } = await run(process.execPath, [zkdesk, '--data-dir', dataDir, 'profile']);
    for (const title of ['CPU', 'Memory', 'GPU', 'System', 'Machine', 'Power', 'Load', 'Disk (data directory)', 'Runtime']) {
      expect(stdout).toMatch(new RegExp(`^${title.replace(/[()]/g, '\\$&')}$`, 'm'));
    }
    expect(stdout).toMatch(new RegExp(`^  node +${process.versions.node.replace(/\./g, '\\.')}$`, 'm'));
    expect(stdout).not.toMatch(/undefined|NaN|\[object/);
    await expect(import('node:fs/promises').then((fs) => fs.access(dataDir))).rejects.toThrow();
  });
});
