// What a cold command loads and starts: `--version` loads no package, the usage none but commander;
// `prove` forks its worker before it loads its own code, and the pool proves on that worker when
// its options match (a mismatched one is killed); a worker that proves natively says ready before
// it loads snarkjs and builds the curve, which it needs only to verify.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';
import { locateNativeProver } from '../../../native-workers/nativeGroth16.js';
import { NodeWorkerLauncher } from '../../../main/services/prover/nodeWorkerLauncher.js';
import { discardSpareWorker, startSpareWorker } from '../../../main/services/prover/spareWorker.js';
import type { LaunchOptions, WorkerProcess } from '../../../main/services/prover/workerLauncher.js';
import type { WorkerToMain } from '../../../common/workerProtocol.js';
import { workerLaunchOptions } from '../../../main/services/prover/workerSlot.js';
import { cliEntry } from '../../../node/cliBundle.js';
import { compiledWorker, failureOf, isAlive, makeHarness, registry, sampleInput, waitFor } from '../../support/proverHarness.js';

const run = promisify(execFile);
const root = projectRoot();
const zkdesk = path.join(root, 'bin', 'zkdesk.js');
const recordImports = path.join(root, 'tests', 'support', 'recordImports.mjs');
const stress12 = path.join(root, 'resources', 'circuits', 'stress-12', 'build');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-cold-'));
});
afterAll(async () => {
  discardSpareWorker();
  await rm(tmp, { recursive: true, force: true });
});

/** Runs the CLI; returns its output and the modules it resolved, in order. */
async function cliImports(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string; imports: string[] }> {
  const log = path.join(tmp, `${name}.imports`);
  const { stdout, stderr } = await run(process.execPath, ['--import', recordImports, zkdesk, ...args], { env: { ...process.env, ...env, ZKDESK_IMPORT_LOG: log } });
  return { stdout, stderr, imports: (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}

/** The npm packages among these modules. */
function packages(imports: string[]): string[] {
  return [...new Set(imports.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))].sort();
}

describe('a cold CLI loads only what its command needs', () => {
  it('--version loads no package, help and --help none but commander, and none a service', async () => {
    const dataDir = path.join(tmp, 'data-usage');
    for (const args of [['--version'], ['help'], ['--help']]) {
      const { stdout, imports } = await cliImports(args.join(''), ['--data-dir', dataDir, ...args]);
      expect(stdout.length, args.join(' ')).toBeGreaterThan(0);
      // The version is printed before commander is loaded; the usage needs it.
      expect(packages(imports).filter((p) => p !== 'commander' || args[0] === '--version'), args.join(' ')).toEqual([]);
      expect(imports.filter((url) => /\/dist\/main\/(api|services\/(prover|diagnostics|profile|updates|bundles))\//.test(url)), args.join(' ')).toEqual([]);
    }
  });

  it('lists every command in the usage without loading them, as they describe themselves', async () => {
    const { stdout } = await cliImports('usage', ['help']);
    for (const name of ['bundle', 'calibrate', 'circuits', 'doctor', 'feedback', 'help', 'inspect', 'profile', 'prove', 'release', 'serve', 'verify']) {
      expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
    expect(stdout).toContain('prove [options]');
    expect(stdout).toContain('inspect [options] <bundle...>');
  });

  it('prove forks its worker before loading the services, and proves on that worker', async () => {
    const out = await cliImports('prove', ['--data-dir', path.join(tmp, 'data-prove'), '--json', 'prove', '--wasm', path.join(stress12, 'circuit.wasm'), '--zkey', path.join(stress12, 'circuit.zkey'), '--input', path.join(stress12, 'input.sample.json')], { NODE_DEBUG: 'child_process' });
    const result = JSON.parse(out.stdout) as { ok: boolean; verified: boolean; workerPid: number };
    expect(result).toMatchObject({ ok: true, verified: true });
    // One process forked by main (NODE_DEBUG lists each spawn), and it is the worker that proved.
    const spawned = [...out.stderr.matchAll(/^CHILD_PROCESS (\d+): spawn/gm)];
    expect(spawned).toHaveLength(1);
    // From the bundle (dist/cli/, its chunks named for the module they start with) or from dist/main/.
    const headStart = out.imports.findIndex((url) => /\/dist\/(main\/)?cli\/proverHeadStart\.js$/.test(url));
    const services = out.imports.findIndex((url) => /\/proverCore(-\w+)?\.js$/.test(url));
    expect(headStart).toBeGreaterThanOrEqual(0);
    expect(services).toBeGreaterThan(headStart);
    // Only the prover's part of the services: not the profiler, advisor, bundles, health and feedback around it.
    expect(out.imports.filter((url) => /\/(zkdeskServices|profileService|advisorService|bundleService|healthReporter)(-\w+)?\.js$|\/node_modules\/systeminformation\//.test(url))).toEqual([]);
  });

  it('prove still proves when the worker started early does not match the settings (a fresh one does)', async () => {
    // A settings file the head start reads a cap from but the settings store rejects: the pool uses the automatic cap.
    const dataDir = path.join(tmp, 'data-mismatch');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ workerMemoryCapMb: 900, workerCount: 'many' }));
    const out = await cliImports('mismatch', ['--data-dir', dataDir, '--json', 'prove', '--wasm', path.join(stress12, 'circuit.wasm'), '--zkey', path.join(stress12, 'circuit.zkey'), '--input', path.join(stress12, 'input.sample.json')], { NODE_DEBUG: 'child_process' });
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: true, verified: true });
    expect([...out.stderr.matchAll(/^CHILD_PROCESS (\d+): spawn/gm)]).toHaveLength(2);
  });
});

/** Starts the compiled worker and records what it says, in order. */
function startWorker(env: Record<string, string>): { worker: WorkerProcess; said: WorkerToMain[] } {
  const said: WorkerToMain[] = [];
  const worker = new NodeWorkerLauncher().launch({ script: compiledWorker(), name: 'cold-start-test', env });
  worker.onMessage((message) => said.push(message));
  return { worker, said };
}

const verifierLoaded = (m: WorkerToMain): boolean => m.type === 'log' && m.msg === 'verifier loaded';

describe('the worker', () => {
  it.skipIf(!locateNativeProver())('says ready before it loads snarkjs and the curve when it proves natively', async () => {
    const { worker, said } = startWorker({});
    try {
      await waitFor(() => said.some(verifierLoaded));
      expect(said.findIndex((m) => m.type === 'ready')).toBeGreaterThanOrEqual(0);
      expect(said.findIndex((m) => m.type === 'ready')).toBeLessThan(said.findIndex(verifierLoaded));
    } finally {
      worker.kill();
    }
  });

  it('loads them before it says ready when it proves with snarkjs', async () => {
    const { worker, said } = startWorker({ ZKDESK_PROVER_BACKEND: 'snarkjs' });
    try {
      await waitFor(() => said.some((m) => m.type === 'ready'));
      expect(said.findIndex(verifierLoaded)).toBeGreaterThanOrEqual(0);
      expect(said.findIndex(verifierLoaded)).toBeLessThan(said.findIndex((m) => m.type === 'ready'));
    } finally {
      worker.kill();
    }
  });
});

describe('the worker started early', () => {
  it('a worker that died before the pool took it fails the job with E_WORKER_START_FAILED (the command does not hang or end silently)', async () => {
    const dying = path.join(tmp, 'dies-at-start.mjs');
    await writeFile(dying, 'process.exit(3);\n');
    const memoryCapBytes = 4 * 1024 ** 3;
    const sparePid = startSpareWorker(new NodeWorkerLauncher(), workerLaunchOptions({ script: dying, name: 'spare', memoryCapBytes })) as number;
    await waitFor(() => !isAlive(sparePid));
    const h = await makeHarness({ workerScript: dying, memoryCapBytes });
    try {
      // As `zkdesk prove` does: the pool warms up (taking the spare) while the circuit is resolved.
      await h.prover.warmUp(1).catch(() => {});
      const job = await h.prover.submit({ circuit: await registry.resolve('poseidon-preimage'), input: await sampleInput('poseidon-preimage') });
      expect((await failureOf(job.result)).code).toBe('E_WORKER_START_FAILED');
    } finally {
      await h.close();
    }
  });


  const options = (maxOldSpaceMb: number): LaunchOptions => ({ script: compiledWorker(), name: 'spare-test', maxOldSpaceMb, env: { ZKDESK_WORKER_CACHE_MB: '256' } });

  it('is taken by a launch with the same options, its ready heard by every listener', async () => {
    const launcher = new NodeWorkerLauncher();
    const sparePid = startSpareWorker(launcher, options(1024));
    const worker = launcher.launch({ ...options(1024), name: 'another-name' });
    const first: string[] = [];
    const second: string[] = [];
    worker.onMessage((m) => first.push(m.type));
    worker.onMessage((m) => second.push(m.type));
    try {
      expect(worker.pid).toBe(sparePid);
      await waitFor(() => first.includes('ready'));
      expect(second).toContain('ready');
    } finally {
      worker.kill();
    }
  });

  it('is killed when the launch asks for other options, and a fresh worker starts', async () => {
    const launcher = new NodeWorkerLauncher();
    const sparePid = startSpareWorker(launcher, options(2048)) as number;
    const worker = launcher.launch(options(1024));
    const said: string[] = [];
    worker.onMessage((m) => said.push(m.type));
    try {
      expect(worker.pid).not.toBe(sparePid);
      await waitFor(() => !isAlive(sparePid));
      await waitFor(() => said.includes('ready'));
    } finally {
      worker.kill();
    }
  });
});

describe('bin/zkdesk.js', () => {
  it('runs the bundle only while it is newer than the last tsc -b, so an edit rebuilt with tsc -b is what runs', async () => {
    const dist = path.join(tmp, 'dist');
    await mkdir(path.join(dist, 'cli'), { recursive: true });
    await mkdir(path.join(dist, '.tsbuildinfo'), { recursive: true });
    for (const project of ['common', 'workers', 'node']) await writeFile(path.join(dist, '.tsbuildinfo', project), '{}');
    await writeFile(path.join(dist, 'cli', 'main.js'), '');
    const at = (file: string, seconds: number): Promise<void> => utimes(file, seconds, seconds);
    await at(path.join(dist, '.tsbuildinfo', 'common'), 1000);
    await at(path.join(dist, '.tsbuildinfo', 'workers'), 1000);
    await at(path.join(dist, '.tsbuildinfo', 'node'), 1000);
    await at(path.join(dist, 'cli', 'main.js'), 2000);
    expect(cliEntry('main.js', dist)).toMatch(/\/dist\/cli\/main\.js$/);
    // `tsc -b` after an edit: the main project's build info is newer than the bundle.
    await at(path.join(dist, '.tsbuildinfo', 'node'), 3000);
    expect(cliEntry('main.js', dist)).toMatch(/\/dist\/main\/cli\/main\.js$/);
    // No bundle at all (only `tsc -b` was run): the compiled modules.
    expect(cliEntry('proverHeadStart.js', dist)).toMatch(/\/dist\/main\/cli\/proverHeadStart\.js$/);
  });
});
