// `npm run soak`: proofs through the real headless host (`zkdesk serve`, a separate process) with
// random cancels and kill -9s of its workers and of the native provers they start. At the end:
// every submitted job has its record in the history (none lost), no process the host started
// outlives it, and the host's memory at the end is within 10 % of its memory after the first
// 20 proofs. Prints the figures as JSON (docs/security.md keeps the last run's).
//
//   npm run soak -- [--proofs 200] [--circuit poseidon-preimage] [--seed 1] [--heap-snapshots <dir>]
//
// --heap-snapshots writes V8 heap snapshots of the host after 20 proofs and at the end, to find
// what grows (open both in Chrome DevTools' Memory tab and compare).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { projectRoot } from '../../node/resourcePaths.js';

interface Options {
  proofs: number;
  circuit: string;
  seed: number;
  heapSnapshots: string | null;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { proofs: Number(value('--proofs') ?? 200), circuit: value('--circuit') ?? 'poseidon-preimage', seed: Number(value('--seed') ?? Date.now() % 100_000), heapSnapshots: value('--heap-snapshots') ?? null };
}

/** A small seeded generator, so a failing run can be repeated with its --seed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

function rssOf(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  for (const child of childrenOf(pid)) out.push(child, ...descendantsOf(child));
  return out;
}

function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return null;
  }
}

function kill(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false; // it finished first
  }
}

/** Asks the host for a heap snapshot (it was started with --heapsnapshot-signal) and waits until it is written. */
async function heapSnapshot(pid: number, dir: string): Promise<void> {
  const count = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot'));
  const before = count().length;
  process.kill(pid, 'SIGUSR2');
  // Written in one go when complete; its size stops changing once V8 has finished.
  let last = -1;
  for (;;) {
    await sleep(500);
    const files = count();
    if (files.length > before) {
      const newest = files.map((f) => path.join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] as string;
      const size = statSync(newest).size;
      if (size > 0 && size === last) return;
      last = size;
    }
  }
}

/** The host's memory once it has been idle a while (V8 gives back what its busy spell took): one sample a second for 30 s, the last ten's median. */
async function restingRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    await sleep(1000);
    samples.push(rssOf(pid) ?? 0);
  }
  return [...samples.slice(-10)].sort((a, b) => a - b)[5] ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('The soak reads /proc: it runs on Linux.');
  const options = parseArgs(process.argv.slice(2));
  const random = seeded(options.seed);
  const root = projectRoot();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-soak-'));
  const rendererDir = path.join(tmp, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>zkdesk soak</title>');
  const dataDir = path.join(tmp, 'data');

  const heapFlags = options.heapSnapshots ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${path.resolve(options.heapSnapshots)}`] : [];
  if (options.heapSnapshots) await mkdir(options.heapSnapshots, { recursive: true });
  const host = spawn(process.execPath, [...heapFlags, path.join(root, 'bin', 'zkdesk.js'), '--data-dir', dataDir, 'serve', '--json'], {
    env: { ...process.env, ZKDESK_RENDERER_DIR: rendererDir, ZKDESK_UPDATE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const hostPid = host.pid as number;
  const started = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let text = '';
    const lines = createInterface({ input: host.stdout });
    lines.on('line', (line) => {
      text += line;
      try {
        resolve(JSON.parse(text) as { url: string; port: number });
        lines.close();
      } catch {
        // the JSON spans lines: keep reading
      }
    });
    host.once('exit', (code) => reject(new Error(`zkdesk serve exited (${code}) before it listened`)));
  });
  const origin = `http://127.0.0.1:${started.port}`;
  const token = new URL(started.url).searchParams.get('token') as string;
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const response = await fetch(`${origin}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zkdesk-token': token, origin },
      body: JSON.stringify({ method, input }),
    });
    const body = (await response.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
    return body.value as T;
  };

  const input = await call<unknown>('circuits.sampleInput', { circuitId: options.circuit });
  // Every process the host starts, seen while it runs: none may be alive after it stops.
  const seen = new Map<number, string>();
  const look = (): void => {
    for (const pid of descendantsOf(hostPid)) {
      // An empty command line is a process already gone (a zombie): nothing to outlive the host.
      const command = commandOf(pid);
      if (!seen.has(pid) && command) seen.set(pid, command);
    }
  };
  const descendantsBefore = descendantsOf(hostPid).length;

  type Job = { jobId: string; state: string; workerPid: number | null };
  // Jobs are followed as the page follows them, through the host's event stream, not by polling
  // the API: a client calling the host hundreds of times a second would measure its own garbage.
  const latest = new Map<string, Job>();
  let changed: () => void = () => {};
  const events = new WebSocket(`ws://127.0.0.1:${started.port}/api/events?token=${token}`, { headers: { origin } });
  events.on('message', (data) => {
    const { event, payload } = JSON.parse(String(data)) as { event: string; payload: Job };
    if (event !== 'prover.job') return;
    latest.set(payload.jobId, payload);
    changed();
  });
  await new Promise<void>((resolve, reject) => {
    events.once('open', () => resolve());
    events.once('error', reject);
  });
  const nextEvent = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      changed = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const submitted: string[] = [];
  const outcomes: Record<string, number> = {};
  const faults = { cancels: 0, workerKills: 0, nativeKills: 0 };
  // Sampled after every proof: one sample can land on a burst of garbage, so the figures compared
  // are medians (proofs 16-25 for "after the first 20", the last ten for "at the end").
  const rssSamples: number[] = [];
  let restingAfter20 = 0;
  const begun = Date.now();

  for (let n = 0; n < options.proofs; n++) {
    const { jobId } = await call<{ jobId: string }>('prover.submit', { circuitId: options.circuit, input });
    submitted.push(jobId);
    const roll = random();
    // One job in ten is cancelled, one in ten loses its worker, one in ten its native prover.
    const fault = roll < 0.1 ? 'cancel' : roll < 0.2 ? 'kill-worker' : roll < 0.3 ? 'kill-native' : null;
    let done: Job | undefined;
    let struck = false;
    const since = Date.now();
    for (;;) {
      look();
      const job = latest.get(jobId);
      if (job && job.state !== 'queued' && job.state !== 'running') {
        done = job;
        break;
      }
      if (!struck && fault === 'cancel' && job?.state === 'running') {
        struck = true;
        if ((await call<{ cancelled: boolean }>('prover.cancel', { jobId })).cancelled) faults.cancels++;
      }
      if (!struck && fault === 'kill-worker' && job?.state === 'running' && job.workerPid) {
        struck = true;
        if (kill(job.workerPid)) faults.workerKills++;
      }
      if (!struck && fault === 'kill-native' && job?.workerPid) {
        const native = childrenOf(job.workerPid).find((pid) => (commandOf(pid) ?? '').includes('zkdesk-groth16'));
        if (native !== undefined) {
          struck = true;
          if (kill(native)) faults.nativeKills++;
        }
      }
      // A fault waiting for its moment looks at /proc often (that costs the host nothing); otherwise wait for the next event.
      await (fault && !struck ? sleep(5) : nextEvent(250));
      if (Date.now() - since > 600_000) throw new Error(`job ${jobId} never finished`);
    }
    const state = done?.state ?? 'gone';
    outcomes[state] = (outcomes[state] ?? 0) + 1;
    rssSamples.push(rssOf(hostPid) ?? 0);
    if (n === 19) restingAfter20 = await restingRss(hostPid);
    if (options.heapSnapshots && n === 19) await heapSnapshot(hostPid, options.heapSnapshots);
  }
  const restingAtEnd = await restingRss(hostPid);
  if (options.heapSnapshots) await heapSnapshot(hostPid, options.heapSnapshots);
  look();
  const median = (values: number[]): number | null => (values.length ? ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? null) : null);
  const rssAfter20 = median(rssSamples.slice(15, 25));
  const rssAtEnd = median(rssSamples.slice(-10));
  const descendantsAfter = descendantsOf(hostPid).length;
  const history = await call<Array<{ jobId: string; outcome: string; errorCode?: string }>>('prover.history', { limit: 10_000 });
  const recorded = new Set(history.map((r) => r.jobId));
  const lost = submitted.filter((id) => !recorded.has(id));
  const byCode: Record<string, number> = {};
  for (const r of history) byCode[r.errorCode ?? r.outcome] = (byCode[r.errorCode ?? r.outcome] ?? 0) + 1;

  events.close();
  host.kill('SIGTERM');
  await new Promise((resolve) => host.once('exit', resolve));
  // A process the host started and that is still alive now (same pid, same command) outlived it.
  await sleep(500);
  const leftovers = [...seen].filter(([pid, command]) => existsSync(`/proc/${pid}`) && commandOf(pid) === command);
  await rm(tmp, { recursive: true, force: true });

  const memoryChange = rssAfter20 && rssAtEnd ? (rssAtEnd - rssAfter20) / rssAfter20 : null;
  const restingChange = restingAfter20 && restingAtEnd ? (restingAtEnd - restingAfter20) / restingAfter20 : null;
  const percent = (change: number | null): number | null => change && Math.round(change * 1000) / 10;
  const report = {
    proofs: options.proofs,
    circuit: options.circuit,
    seed: options.seed,
    seconds: Math.round((Date.now() - begun) / 1000),
    faults,
    outcomes,
    historyByCode: byCode,
    lostRecords: lost.length,
    processes: { hostChildrenBefore: descendantsBefore, hostChildrenAfter: descendantsAfter, startedDuringRun: seen.size, leftAfterHostStopped: leftovers.length },
    hostRestingRssMb: { after20: Math.round(restingAfter20 / 2 ** 20), atEnd: Math.round(restingAtEnd / 2 ** 20), change: percent(restingChange) },
    hostRssMb: { after20: rssAfter20 && Math.round(rssAfter20 / 2 ** 20), atEnd: rssAtEnd && Math.round(rssAtEnd / 2 ** 20), change: percent(memoryChange) },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const failures = [
    lost.length > 0 && `${lost.length} job records lost`,
    leftovers.length > 0 && `${leftovers.length} processes outlived the host: ${leftovers.map(([pid, c]) => `${pid} ${c}`).join('; ')}`,
    memoryChange !== null && Math.abs(memoryChange) > 0.1 && `host memory moved ${report.hostRssMb.change} % after the first 20 proofs`,
    restingChange !== null && Math.abs(restingChange) > 0.1 && `host memory at rest moved ${report.hostRestingRssMb.change} % after the first 20 proofs`,
  ].filter(Boolean);
  if (failures.length > 0) {
    process.stderr.write(`soak failed: ${failures.join('; ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
