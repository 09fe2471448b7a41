// `npm run bench`: zkdesk against its peers on the same circuits, keys and inputs, in one run,
// rounds rotating between contestants so machine noise hits all of them alike:
//   (a) `snarkjs groth16 fullprove` as a cold process (node on snarkjs's bin)
//   (b) snarkjs.groth16.fullProve in one warm Node process
//   (c) zkdesk's pool with a warm worker
//   (d) `zkdesk prove --wasm --zkey --input` as a cold process (node bin/zkdesk.js)
//   (e) zkdesk's native prover binary on a witness file       } with --rapidsnark <path>:
//   (f) rapidsnark on the same key and witness file             } prove step against prove step
// Every contestant reports n, p50, p95 and max of time and peak memory. The ratios that decide
// regressions are zkdesk's time over a peer's in the same round: c/b (warm), d/a (cold against
// cold), e/f (native against rapidsnark). A loaded pass repeats the warm and native pairs with
// busy loops the bench starts and stops itself.
//
//   npm run bench -- [--quick] [--rapidsnark <prover>] [--compare] [--save-baseline]
//                    [--only stress-12,merkle-membership] [--rounds N] [--no-load] [--data-dir <dir>]
//   npm run bench -- --compare --from <saved run.json>     (judge a saved run, measure nothing)
//
// --quick: stress-12 and merkle-membership, enough rounds for a verdict (CI runs it).
// --compare: a verdict line per measurement against bench/baselines/<machine class>.json;
//            exits 1 on a regression; a class without a baseline is said in one line and passes.
// --save-baseline: writes this run's ratios as the baseline of this machine class.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { CircuitRegistry } from '../main/services/prover/circuitRegistry.js';
import { JobHistory } from '../main/services/prover/jobHistory.js';
import { NodeWorkerLauncher } from '../main/services/prover/nodeWorkerLauncher.js';
import { ProverService } from '../main/services/prover/proverService.js';
import { bundledCircuitsDir, projectRoot } from '../node/resourcePaths.js';
import { proverWorkerScript } from '../native-workers/workerScripts.js';
import { locateNativeProver } from '../native-workers/nativeGroth16.js';
import { defaultDataDir } from '../main/cli/cliContext.js';
import { median, summarize } from '../common/statistics/percentiles.js';
import { benchRunSchema, type BenchContestant, type BenchMeasurement, type BenchPass, type BenchRunData } from '../common/profiler/benchRunTypes.js';
import { timeBinary, timeNodeScript, WarmSnarkjs, type Sample } from './contestants.js';
import { BusyLoops } from './busyLoops.js';
import { backgroundLoad } from './backgroundLoad.js';
import { thisMachineClass } from './machineClass.js';
import { baselineFromRun, readBaseline, writeBaseline } from './baselineFile.js';
import { compareWithBaseline } from './compareWithBaseline.js';
import { checkProvingObjectives, objectiveLine } from './objectives.js';

const run = promisify(execFile);
const root = projectRoot();
const snarkjsCli = path.join(root, 'node_modules', 'snarkjs', 'build', 'cli.cjs');
const zkdeskCli = path.join(root, 'bin', 'zkdesk.js');

const FULL_CIRCUITS = ['stress-12', 'merkle-membership', 'stress-14', 'stress-16'];
const QUICK_CIRCUITS = ['stress-12', 'merkle-membership'];
/** Enough rounds for a verdict (the test needs at least six a side) without making CI wait. */
const ROUNDS: Record<string, number> = { 'stress-12': 8, 'merkle-membership': 8, 'stress-14': 6, 'stress-16': 4 };

type Key = 'a_snarkjsCold' | 'b_snarkjsWarm' | 'c_zkdeskWarm' | 'd_zkdeskCold' | 'e_nativeProve' | 'f_rapidsnarkProve';

/** The ratios that decide: zkdesk over the peer measured beside it. */
const MEASUREMENTS: Array<{ id: string; subject: Key; peer: Key; description: string }> = [
  { id: 'warm-vs-snarkjs', subject: 'c_zkdeskWarm', peer: 'b_snarkjsWarm', description: 'zkdesk warm worker (witness, proof, verification) over snarkjs fullProve warm in one process' },
  { id: 'cold-vs-snarkjs', subject: 'd_zkdeskCold', peer: 'a_snarkjsCold', description: '`zkdesk prove` as a process over `snarkjs groth16 fullprove` as a process' },
  { id: 'native-vs-rapidsnark', subject: 'e_nativeProve', peer: 'f_rapidsnarkProve', description: "zkdesk's native prover over rapidsnark, same key and witness file" },
];

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    'save-baseline': { type: 'boolean', default: false },
    rapidsnark: { type: 'string' },
    only: { type: 'string' },
    rounds: { type: 'string' },
    'no-load': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    baselines: { type: 'string' },
    from: { type: 'string' },
  },
});

const baselinesDir = path.resolve(flags.baselines ?? path.join(root, 'bench', 'baselines'));

function contestantSummary(samples: Sample[]): BenchContestant {
  const ms = samples.map((s) => s.ms);
  const peaks = samples.map((s) => s.peakRssBytes).filter((p): p is number => p !== null);
  return {
    medianMs: median(ms) ?? 0,
    peakRssBytes: peaks.length ? Math.max(...peaks) : null,
    samplesMs: ms.map((x) => Math.round(x * 10) / 10),
    ...(ms.length ? { timeMs: summarize(ms) as NonNullable<BenchContestant['timeMs']> } : {}),
    peakBytes: summarize(peaks),
  };
}

function measurementsOf(samples: Partial<Record<Key, Sample[]>>): BenchMeasurement[] {
  return MEASUREMENTS.flatMap(({ id, subject, peer, description }) => {
    const s = samples[subject];
    const p = samples[peer];
    if (!s?.length || !p?.length || s.length !== p.length) return [];
    const ratios = s.map((x, i) => x.ms / (p[i] as Sample).ms);
    const peakOf = (xs: Sample[]) => median(xs.map((x) => x.peakRssBytes).filter((b): b is number => b !== null));
    const sp = peakOf(s);
    const pp = peakOf(p);
    return [{ id, subject, peer, description, ratios, ratio: summarize(ratios) as BenchMeasurement['ratio'], peakRatio: sp && pp ? sp / pp : null }];
  });
}

interface CircuitFiles {
  id: string;
  wasmPath: string;
  zkeyPath: string;
  input: unknown;
  inputFile: string;
  witnessFile: string | null;
}

interface Contenders {
  prover: ProverService;
  warm: WarmSnarkjs;
  native: string | null;
  rapidsnark: string | null;
  scratch: string;
  benchData: string;
}

async function timeOne(who: Key, files: CircuitFiles, c: Contenders, out: string): Promise<Sample> {
  switch (who) {
    case 'a_snarkjsCold':
      return timeNodeScript(snarkjsCli, ['groth16', 'fullprove', files.inputFile, files.wasmPath, files.zkeyPath, path.join(out, 'proof.json'), path.join(out, 'public.json')]);
    case 'b_snarkjsWarm':
      return c.warm.prove(files, files.input);
    case 'c_zkdeskWarm': {
      const circuit = await new CircuitRegistry(bundledCircuitsDir()).resolve(files.id);
      const t0 = performance.now();
      const result = await (await c.prover.submit({ circuit, input: files.input })).result;
      return { ms: performance.now() - t0, peakRssBytes: result.peakRssBytes };
    }
    case 'd_zkdeskCold':
      return timeNodeScript(zkdeskCli, ['--data-dir', c.benchData, '--json', 'prove', '--wasm', files.wasmPath, '--zkey', files.zkeyPath, '--input', files.inputFile, '--out', out]);
    case 'e_nativeProve':
      return timeBinary(c.native as string, [files.zkeyPath, files.witnessFile as string], process.env, c.scratch);
    case 'f_rapidsnarkProve':
      return timeBinary(c.rapidsnark as string, [files.zkeyPath, files.witnessFile as string, path.join(out, 'proof.json'), path.join(out, 'public.json')], process.env, c.scratch);
  }
}

async function runPass(condition: 'quiet' | 'loaded', who: Key[], rounds: number, files: CircuitFiles, c: Contenders): Promise<BenchPass> {
  const loops = condition === 'loaded' ? BusyLoops.start(os.availableParallelism()) : null;
  try {
    // Probed before every round with the bench idle (in the loaded pass it includes our own loops):
    // on a shared machine the load moves during a pass.
    const loads: number[] = [];
    const samples: Partial<Record<Key, Sample[]>> = {};
    for (let round = 0; round < rounds; round++) {
      const load = await backgroundLoad(500);
      if (load !== null) loads.push(load);
      // Rotate the order every round so no contestant always follows the same one.
      const order = who.map((_, i) => who[(i + round) % who.length] as Key);
      for (const key of order) {
        const out = path.join(c.scratch, `${files.id}-${condition}-${key}-${round}`);
        await mkdir(out, { recursive: true });
        (samples[key] ??= []).push(await timeOne(key, files, c, out));
        await rm(out, { recursive: true, force: true });
      }
    }
    return {
      condition,
      backgroundLoad: loads.length ? Math.round((median(loads) as number) * 100) / 100 : null,
      busyLoops: loops?.pids.length ?? 0,
      rounds,
      contestants: Object.fromEntries(Object.entries(samples).map(([key, s]) => [key, contestantSummary(s)])),
      measurements: measurementsOf(samples),
    };
  } finally {
    await loops?.stop();
  }
}

function printPass(pass: BenchPass): void {
  const busy = pass.backgroundLoad === null ? 'load unknown' : `other work: ${pass.backgroundLoad.toFixed(1)} runnable threads (median before each round)`;
  console.log(`  ${pass.condition} pass (${pass.busyLoops} busy loops of ours; ${busy}), ${pass.rounds} rounds`);
  for (const [who, s] of Object.entries(pass.contestants)) {
    const t = s.timeMs;
    const mib = (b: number | undefined) => (b === undefined ? 'n/a' : `${(b / 1024 / 1024).toFixed(1)}`);
    const peak = s.peakBytes ? `peak MiB p50 ${mib(s.peakBytes.p50)} p95 ${mib(s.peakBytes.p95)} max ${mib(s.peakBytes.max)}` : 'peak n/a';
    console.log(`    ${who.padEnd(18)} n ${t?.n ?? 0}  p50 ${(t?.p50 ?? 0).toFixed(0).padStart(6)} ms  p95 ${(t?.p95 ?? 0).toFixed(0).padStart(6)} ms  max ${(t?.max ?? 0).toFixed(0).padStart(6)} ms   ${peak}`);
  }
  for (const m of pass.measurements) {
    const peak = m.peakRatio === null ? '' : `, peak ${m.peakRatio.toFixed(2)}×`;
    console.log(`    ${m.id.padEnd(22)} ${m.subject}/${m.peer}: p50 ${m.ratio.p50.toFixed(3)} p95 ${m.ratio.p95.toFixed(3)}${peak}`);
  }
}

async function prepareFiles(id: string, registry: CircuitRegistry, scratch: string, needWitness: boolean): Promise<CircuitFiles> {
  const circuit = await registry.resolve(id);
  const input = await registry.sampleInput(id);
  const inputFile = path.join(scratch, `${id}.input.json`);
  await writeFile(inputFile, JSON.stringify(input));
  let witnessFile: string | null = null;
  if (needWitness) {
    witnessFile = path.join(scratch, `${id}.wtns`);
    await run(process.execPath, [snarkjsCli, 'wtns', 'calculate', circuit.files.wasmPath, inputFile, witnessFile]);
  }
  return { id, wasmPath: circuit.files.wasmPath, zkeyPath: circuit.files.zkeyPath, input, inputFile, witnessFile };
}

async function measure(): Promise<BenchRunData> {
  const machineClass = thisMachineClass();
  const registry = new CircuitRegistry(bundledCircuitsDir());
  const listings = await registry.list();
  const only = flags.only?.split(',');
  const ids = (flags.quick ? QUICK_CIRCUITS : FULL_CIRCUITS).filter((id) => !only || only.includes(id));
  const rapidsnark = flags.rapidsnark ? path.resolve(flags.rapidsnark) : null;
  if (rapidsnark && !existsSync(rapidsnark)) throw new Error(`--rapidsnark ${flags.rapidsnark}: no such file`);
  const native = locateNativeProver();
  if (rapidsnark && !native) console.log('rapidsnark given, but this machine proves with snarkjs (no native prover here): the native pair is skipped');
  const nativePair = Boolean(rapidsnark && native);
  // The loaded pass costs time; CI's quick check does without it unless it is saving a baseline.
  const loadedPass = !flags['no-load'] && (!flags.quick || flags['save-baseline']);

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
  const contenders: Contenders = { prover, warm, native, rapidsnark, scratch, benchData };

  const results: BenchRunData['results'] = [];
  console.log(`zkdesk benchmark (${flags.quick ? 'quick' : 'full'}) · ${os.cpus()[0]?.model ?? 'cpu'} · ${os.availableParallelism()} cores · Node ${process.versions.node}`);
  console.log(`machine class ${machineClass.id} (flags ${machineClass.flags.join(' ') || 'none'})`);
  try {
    for (const id of ids) {
      if (!listings.find((l) => l.id === id)?.built) {
        console.log(`\n${id}: skipped, its keys are not built (npm run circuits -- --only ${id} --include-large)`);
        continue;
      }
      const manifest = (await registry.resolve(id)).manifest;
      const files = await prepareFiles(id, registry, scratch, nativePair);
      const rounds = Number(flags.rounds ?? ROUNDS[id] ?? 4);
      const quietKeys: Key[] = ['a_snarkjsCold', 'b_snarkjsWarm', 'c_zkdeskWarm', 'd_zkdeskCold', ...(nativePair ? (['e_nativeProve', 'f_rapidsnarkProve'] as Key[]) : [])];
      const loadedKeys: Key[] = ['b_snarkjsWarm', 'c_zkdeskWarm', ...(nativePair ? (['e_nativeProve', 'f_rapidsnarkProve'] as Key[]) : [])];

      // One unmeasured round each: the warm contestants' first call builds their caches.
      for (const key of quietKeys) await timeOne(key, files, contenders, scratch);

      console.log(`\n${id} (${manifest?.constraints.toLocaleString('en-US')} constraints)`);
      const passes = [await runPass('quiet', quietKeys, rounds, files, contenders)];
      printPass(passes[0] as BenchPass);
      if (loadedPass) {
        passes.push(await runPass('loaded', loadedKeys, rounds, files, contenders));
        printPass(passes[1] as BenchPass);
      }
      const q = (passes[0] as BenchPass).contestants as Record<'a_snarkjsCold' | 'b_snarkjsWarm' | 'c_zkdeskWarm' | 'd_zkdeskCold', BenchContestant>;
      const ratios = { cOverB: q.c_zkdeskWarm.medianMs / q.b_snarkjsWarm.medianMs, aOverC: q.a_snarkjsCold.medianMs / q.c_zkdeskWarm.medianMs, dOverA: q.d_zkdeskCold.medianMs / q.a_snarkjsCold.medianMs };
      console.log(`  c/b = ${ratios.cOverB.toFixed(2)} (warm against warm)   a/c = ${ratios.aOverC.toFixed(2)} (snarkjs cold over zkdesk warm)   d/a = ${ratios.dOverA.toFixed(2)} (cold against cold)`);
      results.push({
        circuit: id,
        constraints: manifest?.constraints ?? null,
        domainPower: manifest?.domainPower ?? null,
        rounds,
        summary: { a_snarkjsCold: q.a_snarkjsCold, b_snarkjsWarm: q.b_snarkjsWarm, c_zkdeskWarm: q.c_zkdeskWarm, d_zkdeskCold: q.d_zkdeskCold },
        ratios,
        passes,
      });
    }
  } finally {
    await prover.close();
    await warm.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  return {
    kind: 'proving',
    createdAt: new Date().toISOString(),
    mode: flags.quick ? 'quick' : 'full',
    machine: { cpu: os.cpus()[0]?.model ?? null, cores: os.availableParallelism(), totalMemoryBytes: os.totalmem(), node: process.versions.node },
    machineClass,
    results,
  };
}

/** Prints the verdicts; the exit code the bench should end with. */
async function compare(result: BenchRunData): Promise<number> {
  const machineClass = result.machineClass ?? thisMachineClass();
  const baseline = await readBaseline(baselinesDir, machineClass.id);
  console.log('\nregression check against the baseline');
  if (!baseline) {
    console.log(`  no baseline for machine class ${machineClass.id}: nothing to compare (save one with npm run bench -- --save-baseline); passing`);
    return 0;
  }
  const comparison = compareWithBaseline(result, baseline);
  console.log(`  baseline ${path.relative(root, path.join(baselinesDir, `${machineClass.id}.json`))}, saved ${baseline.savedAt}`);
  for (const line of comparison.lines) console.log(`  ${line}`);
  console.log(comparison.regressions ? `  ${comparison.regressions} regression(s)` : '  no regression');
  return comparison.regressions ? 1 : 0;
}

async function main(): Promise<number> {
  if (flags.from) {
    const saved = benchRunSchema.parse(JSON.parse(await readFile(path.resolve(flags.from), 'utf8')));
    return flags.compare ? compare(saved) : 0;
  }
  const result = await measure();
  console.log('\nobjectives (docs/performance.md)');
  for (const check of checkProvingObjectives(result)) console.log(objectiveLine(check));

  const dataDir = path.resolve(flags['data-dir'] ?? defaultDataDir());
  const file = path.join(dataDir, 'bench', `proving-${result.createdAt.replace(/[:.]/g, '-')}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nsaved ${file}`);

  const code = flags.compare ? await compare(result) : 0;
  if (flags['save-baseline']) console.log(`saved baseline ${await writeBaseline(baselinesDir, baselineFromRun(result, new Date().toISOString()))}`);
  return code;
}

process.exitCode = await main();
