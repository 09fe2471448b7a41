// `npm run bench`: zkdesk against plain snarkjs on the same circuits and inputs, in one run,
// rounds alternating between contestants so machine noise hits all of them alike:
//   (a) `snarkjs groth16 fullprove` as a cold process
//   (b) snarkjs.groth16.fullProve in one warm Node process
//   (c) zkdesk's pool with a warm worker
//   (d) `zkdesk prove` as a cold process
// Prints medians, peak memory and the ratios c/b and a/c; saves JSON under <data dir>/bench/.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CircuitRegistry } from '../main/services/prover/circuitRegistry.js';
import { JobHistory } from '../main/services/prover/jobHistory.js';
import { NodeWorkerLauncher } from '../main/services/prover/nodeWorkerLauncher.js';
import { readProcessRss } from '../main/services/prover/processMemory.js';
import { ProverService } from '../main/services/prover/proverService.js';
import { bundledCircuitsDir, projectRoot } from '../node/resourcePaths.js';
import { proverWorkerScript } from '../native-workers/workerScripts.js';
import { defaultDataDir } from '../main/cli/cliContext.js';
import type { ResolvedCircuit } from '../main/services/prover/resolvedCircuit.js';
import { median } from '../common/median.js';
import { formatBytes } from '../common/format/byteUnits.js';
import { arg } from './benchArgs.js';

interface Sample {
  ms: number;
  peakRssBytes: number | null;
}
type Contestant = 'a_snarkjsCold' | 'b_snarkjsWarm' | 'c_zkdeskWarm' | 'd_zkdeskCold';
const contestants: Contestant[] = ['a_snarkjsCold', 'b_snarkjsWarm', 'c_zkdeskWarm', 'd_zkdeskCold'];

const root = projectRoot();
const snarkjsCli = path.join(root, 'node_modules', 'snarkjs', 'build', 'cli.cjs');
const zkdeskCli = path.join(root, 'bin', 'zkdesk.js');
const roundsFor: Record<string, number> = { 'stress-12': 7, 'stress-14': 5, 'stress-16': 3 };



/**
 * Runs a command to completion, sampling its resident memory from outside. For `zkdesk prove
 * --json` the worker's own peak (a second process) is added from its report.
 */
function timeProcess(file: string, args: string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let peak = 0;
    const child = execFile(process.execPath, [file, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      clearInterval(timer);
      const ms = performance.now() - t0;
      if (error) return reject(new Error(`${path.basename(file)} failed: ${stderr || error.message}`));
      const workerPeak = args.includes('--json') ? ((JSON.parse(stdout) as { peakRssBytes?: number }).peakRssBytes ?? 0) : 0;
      resolve({ ms, peakRssBytes: peak + workerPeak || null });
    });
    const timer = setInterval(() => {
      if (child.pid) void readProcessRss(child.pid).then((rss) => (peak = Math.max(peak, rss ?? 0)));
    }, 25);
  });
}

class WarmSnarkjs {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<WarmSnarkjs> {
    const child = fork(fileURLToPath(new URL('./warmSnarkjs.js', import.meta.url)), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    return new WarmSnarkjs(child);
  }

  prove(circuit: ResolvedCircuit, input: unknown): Promise<Sample> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (reply: { ms?: number; maxRssBytes?: number; error?: string }) => {
        if (reply.error || reply.ms === undefined) reject(new Error(reply.error));
        else resolve({ ms: reply.ms, peakRssBytes: reply.maxRssBytes ?? null });
      });
      this.child.send({ wasm: circuit.files.wasmPath, zkey: circuit.files.zkeyPath, input });
    });
  }

  async stop(): Promise<void> {
    this.child.send('exit');
    await new Promise((resolve) => this.child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const dataDir = path.resolve(arg('--data-dir') ?? defaultDataDir());
  const only = arg('--only')?.split(',');
  const registry = new CircuitRegistry(bundledCircuitsDir());
  const listings = await registry.list();
  const ids = ['stress-12', 'stress-14', 'stress-16'].filter((id) => !only || only.includes(id));
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bench-'));
  const benchData = path.join(scratch, 'data');

  const prover = new ProverService({
    launcher: new NodeWorkerLauncher(),
    workerScript: proverWorkerScript,
    history: new JobHistory(benchData),
    poolSize: 1,
    memoryCapBytes: Math.floor(os.totalmem() * 0.75),
    availableMemory: () => os.freemem(),
  });
  const warm = await WarmSnarkjs.start();
  await prover.warmUp(1);

  const results: Array<Record<string, unknown>> = [];
  console.log(`zkdesk benchmark · ${os.cpus()[0]?.model ?? 'cpu'} · ${os.availableParallelism()} cores · Node ${process.versions.node}`);
  try {
    for (const id of ids) {
      const listing = listings.find((l) => l.id === id);
      if (!listing?.built) {
        console.log(`\n${id}: skipped, its keys are not built (npm run circuits -- --only ${id} --include-large)`);
        continue;
      }
      const circuit = await registry.resolve(id);
      const input = await registry.sampleInput(id);
      const inputFile = path.join(scratch, `${id}.input.json`);
      await writeFile(inputFile, JSON.stringify(input));
      const rounds = Number(arg('--rounds') ?? roundsFor[id] ?? 3);
      const samples: Record<Contestant, Sample[]> = { a_snarkjsCold: [], b_snarkjsWarm: [], c_zkdeskWarm: [], d_zkdeskCold: [] };

      // One unmeasured round each: the warm contestants' first call builds their caches.
      await warm.prove(circuit, input);
      await (await prover.submit({ circuit, input })).result;

      for (let round = 0; round < rounds; round++) {
        // Rotate the order every round so no contestant always follows the same one.
        const order = contestants.map((_, i) => contestants[(i + round) % contestants.length] as Contestant);
        for (const who of order) {
          const out = path.join(scratch, `${who}-${round}`);
          await mkdir(out, { recursive: true });
          let sample: Sample;
          if (who === 'a_snarkjsCold') {
            sample = await timeProcess(snarkjsCli, ['groth16', 'fullprove', inputFile, circuit.files.wasmPath, circuit.files.zkeyPath, path.join(out, 'proof.json'), path.join(out, 'public.json')]);
          } else if (who === 'b_snarkjsWarm') {
            sample = await warm.prove(circuit, input);
          } else if (who === 'c_zkdeskWarm') {
            const t0 = performance.now();
            const result = await (await prover.submit({ circuit, input })).result;
            sample = { ms: performance.now() - t0, peakRssBytes: result.peakRssBytes };
          } else {
            sample = await timeProcess(zkdeskCli, ['--data-dir', benchData, '--json', 'prove', '--circuit', id, '--input', inputFile, '--out', out]);
          }
          samples[who].push(sample);
        }
      }

      const summary = Object.fromEntries(
        contestants.map((who) => {
          const peaks = samples[who].map((s) => s.peakRssBytes).filter((p): p is number => p !== null);
          return [who, { medianMs: median(samples[who].map((s) => s.ms)) ?? 0, peakRssBytes: peaks.length ? Math.max(...peaks) : null, samplesMs: samples[who].map((s) => Math.round(s.ms)) }];
        }),
      ) as Record<Contestant, { medianMs: number; peakRssBytes: number | null; samplesMs: number[] }>;
      const cOverB = summary.c_zkdeskWarm.medianMs / summary.b_snarkjsWarm.medianMs;
      const aOverC = summary.a_snarkjsCold.medianMs / summary.c_zkdeskWarm.medianMs;
      results.push({ circuit: id, constraints: circuit.manifest?.constraints, domainPower: circuit.manifest?.domainPower, rounds, summary, ratios: { cOverB, aOverC } });

      console.log(`\n${id} (${circuit.manifest?.constraints.toLocaleString('en-US')} constraints, ${rounds} rounds)`);
      for (const who of contestants) {
        const s = summary[who];
        const peak = s.peakRssBytes ? formatBytes(s.peakRssBytes) : 'n/a';
        console.log(`  ${who.padEnd(14)} median ${(s.medianMs / 1000).toFixed(3)} s   peak ${peak.padStart(7)}   [${s.samplesMs.join(', ')}] ms`);
      }
      console.log(`  c/b = ${cOverB.toFixed(2)} (zkdesk warm vs snarkjs warm; target ≤ 1.05)   a/c = ${aOverC.toFixed(2)} (snarkjs cold vs zkdesk warm; target ≥ 3 at 2^12)`);
    }
  } finally {
    await prover.close();
    await warm.stop();
    await rm(scratch, { recursive: true, force: true });
  }

  const file = path.join(dataDir, 'bench', `proving-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify({ kind: 'proving', createdAt: new Date().toISOString(), machine: { cpu: os.cpus()[0]?.model ?? null, cores: os.availableParallelism(), totalMemoryBytes: os.totalmem(), node: process.versions.node }, results }, null, 2)}\n`,
  );
  console.log(`\nsaved ${file}`);
}

await main();
