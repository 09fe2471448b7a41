// Two bundles of one install, written by the bundle service with injected sources (as the app
// passes its own profile and warnings), read back from real zips and compared.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { planBundle } from '../../../main/services/diagnostics/bundlePlan.js';
import { writeBundle } from '../../../main/services/diagnostics/bundleWriter.js';
import { openBundle } from '../../../main/services/diagnostics/bundleReader.js';
import { diffBundles, formatDiff } from '../../../main/services/diagnostics/bundleDiff.js';
import { summarizeBundle } from '../../../main/services/diagnostics/bundleInspector.js';
import { createRedactor } from '../../../main/services/diagnostics/redact.js';
import type { BundleSources } from '../../../main/services/diagnostics/bundleSources.js';

let dir: string;
const installId = '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a';
const redactor = createRedactor({ keep: [installId] });

const profile = (memory: number, node: string) => ({
  collectedAt: new Date().toISOString(),
  os: { status: 'ok', platform: 'linux', distro: 'Debian GNU/Linux', release: '12', arch: 'x64' },
  cpu: { status: 'ok', vendor: 'AMD', brand: 'EPYC', logicalCores: 2 },
  memory: { status: 'ok', totalBytes: memory, availableBytes: Math.random() * memory },
  runtime: { status: 'ok', node, electron: null },
});

function job(n: number, outcome: string, errorCode?: string): string {
  return `${JSON.stringify({ jobId: `job-${n}`, circuitId: 'poseidon-14', outcome, errorCode, finishedAt: new Date().toISOString() })}\n`;
}

async function bundle(name: string, version: string, channel: string, sources: BundleSources): Promise<string> {
  const plan = await planBundle({ dataDir: path.join(dir, 'data'), sources, redactor });
  const written = await writeBundle(plan, { outPath: path.join(dir, name), app: { version, channel }, installId, sizeCapBytes: 5 * 1024 * 1024 });
  return written.path;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-diff-'));
  await mkdir(path.join(dir, 'data', 'jobs'), { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('inspect --diff', () => {
  it('reports version, channel, profile, warning, failure and crash changes between two bundles', async () => {
    await writeFile(path.join(dir, 'data', 'jobs', 'history.jsonl'), job(1, 'verified') + job(2, 'failed', 'E_TIMEOUT'));
    const a = await bundle('a.zip', '0.1.0', 'stable', {
      profile: async () => profile(8 * 2 ** 30, '20.19.0'),
      warnings: async () => ({ warnings: [{ id: 'few-cores', severity: 'info', title: 'Only 2 CPU cores' }] }),
    });
    await new Promise((r) => setTimeout(r, 5));
    await appendFile(path.join(dir, 'data', 'jobs', 'history.jsonl'), job(3, 'failed', 'E_OUT_OF_MEMORY'));
    await mkdir(path.join(dir, 'data', 'crashes'), { recursive: true });
    await writeFile(path.join(dir, 'data', 'crashes', 'worker-exit-20990101T000000Z-1-x.json'), '{"kind":"worker-exit"}');
    const b = await bundle('b.zip', '0.2.0-beta.1', 'beta', {
      profile: async () => profile(16 * 2 ** 30, '20.19.0'),
      warnings: async () => ({ warnings: [{ id: 'low-memory', severity: 'warning', title: 'Little memory available' }] }),
      updateState: async () => ({ kind: 'idle' }),
    });

    // Given in either order, the older bundle is the "from" side.
    const diff = diffBundles(await openBundle(b), await openBundle(a));
    expect(diff.sameInstall).toBe(true);
    expect(diff.version).toEqual({ path: 'app.version', from: '0.1.0', to: '0.2.0-beta.1' });
    expect(diff.channel).toEqual({ path: 'app.channel', from: 'stable', to: 'beta' });
    // Total memory changed; available memory and collection time are volatile and ignored.
    expect(diff.profile).toEqual([{ path: 'memory.totalBytes', from: 8 * 2 ** 30, to: 16 * 2 ** 30 }]);
    expect(diff.warnings).toEqual({ added: ['low-memory: Little memory available'], removed: ['few-cores: Only 2 CPU cores'] });
    expect(diff.failures.newFailures).toEqual([{ jobId: 'job-3', circuitId: 'poseidon-14', errorCode: 'E_OUT_OF_MEMORY' }]);
    expect(diff.crashes).toEqual({ from: 0, to: 1 });
    const text = formatDiff(diff);
    expect(text).toContain('Version: 0.1.0 -> 0.2.0-beta.1');
    expect(text).toContain('+ low-memory');
  });

  it('a missing provider leaves its section out, with the reason in the manifest', async () => {
    const file = await bundle('c.zip', '0.1.0', 'stable', {
      profile: async () => {
        throw new Error('probe timed out reading /home/alice/.cache');
      },
    });
    const opened = await openBundle(file);
    expect(opened.integrity.ok).toBe(true);
    const sections = new Map(opened.manifest?.sections.map((s) => [s.id, s]));
    expect(sections.get('profile')).toMatchObject({ included: false, reason: 'failed: probe timed out reading [home]/.cache' });
    expect(sections.get('calibration')).toMatchObject({ included: false, reason: 'not available in this host' });
    expect(summarizeBundle(opened).machine).toBeNull();
  });
});
