// Measures zkdesk's native prover beside rapidsnark on the same proving key and witness:
// alternated runs, each a whole process (as a worker starts it), wall time from a monotonic clock
// around the process (GNU time's %e has 10 ms steps, a tenth of a small proof) and peak resident
// memory from GNU time; prints paired medians and the ratio in the table format of issue 11,
// plus where our time goes (the prover's ZKDESK_TIMINGS lines). Every zkdesk proof is verified.
//   node dist/scripts/native/compareRapidsnark.js --rapidsnark ../shared/bench/rapidsnark/prover \
//     [--runs 7] [stress-12 merkle-membership stress-14 stress-16]
// For a busy machine, run it under ../shared/scripts/under-load.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as snarkjs from 'snarkjs';
import { projectRoot } from '../../node/resourcePaths.js';
import { locateNativeProver } from '../../native-workers/nativeGroth16.js';

interface Run {
  seconds: number;
  peakMiB: number;
  stderr: string;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value ?? fallback;
};
const rapidsnark = path.resolve(option('--rapidsnark', path.join(projectRoot(), '..', 'shared', 'bench', 'rapidsnark', 'prover')));
const runs = Number(option('--runs', '7'));
const circuits = args.length > 0 ? args : ['stress-12', 'merkle-membership', 'stress-14', 'stress-16'];
const found = locateNativeProver();
if (!found) throw new Error('no native prover is built for this machine (npm run build:native)');
const zkdesk: string = found;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'zkdesk-compare-'));

function timed(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '@gnutime %e %M', command, ...commandArgs], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed: ${result.stderr}`);
  const line = /@gnutime ([\d.]+) (\d+)/.exec(result.stderr);
  if (!line) throw new Error('GNU time (Debian package `time`) printed nothing');
  return { seconds, peakMiB: Number(line[2]) / 1024, stderr: result.stderr + result.stdout };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

console.log(`| circuit | rapidsnark | zkdesk native | zkdesk / rapidsnark | peak MiB rapidsnark / zkdesk | zkdesk steps (ms, median) |`);
console.log(`|---|---|---|---|---|---|`);
for (const id of circuits) {
  const build = path.join(projectRoot(), 'resources', 'circuits', id, 'build');
  const zkey = path.join(build, 'circuit.zkey');
  if (!existsSync(zkey)) {
    console.log(`| ${id} | not built (npm run circuits -- --only ${id} --include-large) |`);
    continue;
  }
  const wtns = path.join(tmp, `${id}.wtns`);
  await snarkjs.wtns.calculate(JSON.parse(readFileSync(path.join(build, 'input.sample.json'), 'utf8')), path.join(build, 'circuit.wasm'), wtns);

  // Our proof must verify before its time counts for anything.
  const proved = JSON.parse(execFileSync(zkdesk, [zkey, wtns], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { proof: unknown; publicSignals: string[] };
  const vkey = JSON.parse(readFileSync(path.join(build, 'verification_key.json'), 'utf8'));
  if (!(await snarkjs.groth16.verify(vkey, proved.publicSignals, proved.proof as never))) throw new Error(`${id}: zkdesk's proof did not verify`);

  const ours: Run[] = [];
  const theirs: Run[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternated, and each pair in both orders, so a change in load falls on both alike.
    const pair = () => [timed(rapidsnark, [zkey, wtns, path.join(tmp, 'proof.json'), path.join(tmp, 'public.json')]), timed(zkdesk, [zkey, wtns], { ...process.env, ZKDESK_TIMINGS: '1' })] as const;
    if (i % 2 === 0) {
      const [r, z] = pair();
      theirs.push(r);
      ours.push(z);
    } else {
      const z = timed(zkdesk, [zkey, wtns], { ...process.env, ZKDESK_TIMINGS: '1' });
      const r = timed(rapidsnark, [zkey, wtns, path.join(tmp, 'proof.json'), path.join(tmp, 'public.json')]);
      theirs.push(r);
      ours.push(z);
    }
  }
  const ratios = ours.map((z, i) => z.seconds / (theirs[i] as Run).seconds);
  const steps = new Map<string, number[]>();
  for (const run of ours) {
    for (const [, step, ms] of run.stderr.matchAll(/^@time (\S+) ([\d.]+)$/gm)) steps.set(step as string, [...(steps.get(step as string) ?? []), Number(ms)]);
  }
  const stepText = [...steps].map(([step, ms]) => `${step} ${median(ms).toFixed(0)}`).join(', ');
  console.log(
    `| ${id} | ${median(theirs.map((r) => r.seconds)).toFixed(3)} s | ${median(ours.map((r) => r.seconds)).toFixed(3)} s | ${median(ratios).toFixed(2)} | ` +
      `${median(theirs.map((r) => r.peakMiB)).toFixed(1)} / ${median(ours.map((r) => r.peakMiB)).toFixed(1)} | ${stepText} |`,
  );
}
rmSync(tmp, { recursive: true, force: true });
// snarkjs keeps its curve's worker threads alive until they are terminated.
await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
