// Runtime and disk facts against the real thing: a Node started without WebAssembly, and real
// directories on this machine's file system.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diskFactsFor } from '../../../main/services/profiler/diskSpace.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-disk-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('WebAssembly detection', () => {
  it('finds no WebAssembly in a Node started with --jitless', async () => {
    const module = pathToFileURL(path.join(root, 'dist/main/services/profiler/wasmFeatures.js')).href;
    const { stdout } = await run(process.execPath, [
      '--jitless',
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(module)}); process.stdout.write(JSON.stringify(m.detectWasmFeatures()));`,
    ]);
    expect(JSON.parse(stdout)).toEqual({ available: false, simd: false, threads: false });
  });
});

describe('free disk where the data directory lives', () => {
  it('measures the data directory itself when it exists', async () => {
    const dataDir = path.join(tmp, 'data');
    await mkdir(dataDir);
    const facts = await diskFactsFor(dataDir);
    const stats = await statfs(dataDir);
    expect(facts.measuredAt).toBe('dataDir');
    expect(facts.totalBytes).toBe(stats.blocks * stats.bsize);
    expect(facts.freeBytes).toBeGreaterThan(0);
    expect(facts.freeBytes).toBeLessThanOrEqual(facts.totalBytes);
  });

  it('measures the nearest existing parent on a first run', async () => {
    const facts = await diskFactsFor(path.join(tmp, 'not', 'yet', 'created'));
    expect(facts.measuredAt).toBe('ancestor');
    expect(facts.totalBytes).toBe((await diskFactsFor(tmp)).totalBytes);
  });
});
