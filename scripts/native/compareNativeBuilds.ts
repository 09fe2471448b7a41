// Times this machine's native prover builds against each other on the same zkey and witness:
// the portable field beside the assembly one (issue: within 1.5×), and optionally any other
// binary given with --reference (e.g. an older build). Alternating runs, medians of wall time and
// of the prover's own CPU time (user + system, from its rusage), so a busy machine skews both
// sides alike. Usage: npm run bench:native -- [--runs 7] [--threads N] [--reference <binary>]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WitnessCalculatorBuilder } from 'circom_runtime';
import { projectRoot } from '../../node/resourcePaths.js';
import { nativeTarget, parseNativeManifest } from '../../native-workers/nativeManifest.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const runs = Number(option('--runs') ?? '7');
const threads = option('--threads');
const circuits = ['merkle-membership', 'stress-12', 'stress-14'];

const target = nativeTarget(process.platform, process.arch);
if (!target) throw new Error(`no native builds for ${process.platform}-${process.arch}`);
const dir = path.join(projectRoot(), 'dist', 'native', target);
const manifest = parseNativeManifest(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const binaries: Array<[name: string, file: string]> = manifest.binaries.map((b) => [`${b.field} (${b.file})`, path.join(dir, b.file)]);
const reference = option('--reference');
if (reference) binaries.push([`reference (${path.basename(reference)})`, reference]);

/** One proof: wall milliseconds, and the child's CPU milliseconds as the kernel counted them. */
function timeOne(file: string, zkey: string, witness: Uint8Array): Promise<{ wallMs: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // `sh -c 'prover; times'` prints the children's user and system time after the proof.
    const child = spawn('sh', ['-c', '"$0" "$1" - >/dev/null 2>/dev/null; status=$?; times; exit $status', file, zkey], {
      env: { ...process.env, ...(threads ? { ZKDESK_THREADS: threads } : {}) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${file} failed with code ${code}`));
      // The second line of `times`: children's user and system, as 0m1.234s.
      const line = out.trim().split('\n').pop() ?? '';
      const cpuMs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
      resolve({ wallMs, cpuMs });
    });
    child.stdin.end(witness);
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

console.log(`${target}, ${runs} alternating runs per build${threads ? `, ZKDESK_THREADS=${threads}` : ''}; medians`);
for (const id of circuits) {
  const build = path.join(projectRoot(), 'resources', 'circuits', id, 'build');
  const wc = await WitnessCalculatorBuilder(await readFile(path.join(build, 'circuit.wasm')));
  const witness = await wc.calculateWTNSBin(JSON.parse(await readFile(path.join(build, 'input.sample.json'), 'utf8')) as Record<string, unknown>, true);
  const times = new Map<string, Array<{ wallMs: number; cpuMs: number }>>(binaries.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, file] of binaries) times.get(name)?.push(await timeOne(file, path.join(build, 'circuit.zkey'), witness));
  }
  const [baseName] = binaries[0] as [string, string];
  const base = times.get(baseName) ?? [];
  const baseWall = median(base.map((t) => t.wallMs));
  const baseCpu = median(base.map((t) => t.cpuMs));
  for (const [name] of binaries) {
    const t = times.get(name) ?? [];
    const wall = median(t.map((x) => x.wallMs));
    const cpu = median(t.map((x) => x.cpuMs));
    console.log(`${id.padEnd(18)} ${name.padEnd(40)} wall ${wall.toFixed(0).padStart(6)} ms (${(wall / baseWall).toFixed(2)}×)  cpu ${cpu.toFixed(0).padStart(6)} ms (${(cpu / baseCpu).toFixed(2)}×)`);
  }
}
