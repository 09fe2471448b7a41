// What a worker and the native prover it starts are given: only the environment they need (a
// secret in main's environment never reaches them), and the job's memory cap as a kernel limit
// on the native prover, so an allocation past it fails at once instead of at main's next sample.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { locateNativeProver } from '../../../native-workers/nativeGroth16.js';
import { makeHarness, registry, releaseCurve, sampleInput, waitFor, type Harness } from '../../support/proverHarness.js';

const binary = locateNativeProver();
let h: Harness | undefined;
let tmp: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-limits-'));
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  process.env = { ...savedEnv };
});
afterAll(async () => {
  await releaseCurve();
  await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!binary)('worker and native prover limits', () => {
  it("the native prover sees neither main's secrets nor its NODE_OPTIONS, and gets the job's memory cap as a limit", async () => {
    const seen = path.join(tmp, 'native-env.txt');
    const probe = path.join(tmp, 'probe.sh');
    // Records what it was given, then fails the way a crash does, so snarkjs proves the job.
    await writeFile(probe, `#!/bin/sh\nenv > '${seen}'\nexit 3\n`);
    await chmod(probe, 0o755);
    process.env.ZKDESK_NATIVE_PROVER = probe;
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI-not-for-workers';
    process.env.GITHUB_TOKEN = 'ghp_notForWorkers0123456789abcdef';
    process.env.NODE_OPTIONS = '--require /nonexistent/inject.js';
    h = await makeHarness({ memoryCapBytes: 2 * 1024 ** 3 });
    const result = await (await h.prover.submit({ circuit: await registry.resolve('poseidon-preimage'), input: await sampleInput('poseidon-preimage') })).result;
    expect(result.verified).toBe(true);
    const env = await readFile(seen, 'utf8');
    expect(env).not.toContain('wJalrXUtnFEMI');
    expect(env).not.toContain('ghp_notForWorkers');
    expect(env).not.toContain('NODE_OPTIONS');
    expect(env).not.toMatch(/^HOME=/m);
    const limit = Number(/^ZKDESK_PROVER_MEMORY_LIMIT_BYTES=(\d+)$/m.exec(env)?.[1]);
    // The cap less what the worker itself holds.
    expect(limit).toBeGreaterThan(0);
    expect(limit).toBeLessThan(2 * 1024 ** 3);
  });

  it('the native prover asks the kernel to hold it to that limit', async () => {
    const limit = 48 * 1024 * 1024;
    // '-' reads the witness from stdin: the prover waits there, limit already set, while we look.
    const child = spawn(binary as string, [(await registry.resolve('stress-12')).files.zkeyPath, '-'], { env: { ZKDESK_PROVER_MEMORY_LIMIT_BYTES: String(limit) }, stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      let limits = '';
      await waitFor(() => {
        limits = readLimits(child.pid as number);
        return /Max data size\s+\d+/.test(limits);
      });
      expect(limits).toMatch(new RegExp(`Max data size\\s+${limit}\\s+${limit}\\s+bytes`));
    } finally {
      child.kill('SIGKILL');
    }
  });
});

function readLimits(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/limits`, 'utf8');
  } catch {
    return '';
  }
}
