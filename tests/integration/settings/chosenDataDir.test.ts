// A data directory chosen in the app's Settings is where the next CLI run keeps its data too,
// and --data-dir still wins: the real CLI, with its default folder under a temporary XDG_CONFIG_HOME.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseDataDir } from '../../../main/services/settings/dataDirLocation.js';
import { projectRoot } from '../../../node/resourcePaths.js';

const run = promisify(execFile);
const zkdesk = path.join(projectRoot(), 'bin', 'zkdesk.js');
let tmp: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-chosen-dir-'));
  const { ZKDESK_DATA_DIR: _ignored, ...rest } = process.env;
  env = { ...rest, XDG_CONFIG_HOME: path.join(tmp, 'config') };
  await chooseDataDir({ target: path.join(tmp, 'chosen'), currentDir: path.join(tmp, 'nothing-yet'), defaultDir: path.join(tmp, 'config', 'zkdesk') });
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

async function feedback(args: string[] = []): Promise<void> {
  // No endpoint is set, so the message stays in the outbox (exit 3): where that outbox is tells the data directory.
  await run(process.execPath, [zkdesk, ...args, 'feedback', '--message', 'where does this go?'], { env }).catch((e: { code: number }) => expect(e.code).toBe(3));
}

describe('a data directory chosen in Settings', () => {
  it('is where the next run keeps its data', async () => {
    await feedback();
    expect(await readdir(path.join(tmp, 'chosen', 'outbox'))).toHaveLength(1);
    expect(existsSync(path.join(tmp, 'config', 'zkdesk', 'outbox'))).toBe(false);
  });

  it('gives way to --data-dir', async () => {
    await feedback(['--data-dir', path.join(tmp, 'flag')]);
    expect(await readdir(path.join(tmp, 'flag', 'outbox'))).toHaveLength(1);
    expect(await readdir(path.join(tmp, 'chosen', 'outbox'))).toHaveLength(1);
  });
});
