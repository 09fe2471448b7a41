// Builds dist/native/zkdesk-groth16, the native Groth16 prover (native-prover/), on iden3's
// ffiasm (npm): its generator writes the bn128 field arithmetic as x86-64 assembly (nasm), its
// C++ field and curve code is compiled beside ours (MSM, FFT, thread pool) with g++ and GMP.
// Beside it, dist/native/zkdesk-arithmetic-selftest checks our MSM and FFT against the plain
// definitions (tests/integration/prover/nativeArithmetic.test.ts runs it).
//
// Runs in `npm run build`. Where the toolchain or the platform is missing it prints one line
// and leaves the prover out: workers then prove with snarkjs, as they always could.
// ZKDESK_REQUIRE_NATIVE=1 (set by .ci/run) turns that line into a failure, so CI cannot
// quietly stop testing the native path.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../../node/resourcePaths.js';

const BN128_Q = '21888242871839275222246405745257275088696311157297823662689037894645226208583';
const BN128_R = '21888242871839275222246405745257275088548364400416034343698204186575808495617';
// x86-64-v2 for the C++; the generated assembly itself needs BMI2 and ADX (mulx, adcx, adox),
// which the worker checks on the running CPU before it uses the binary.
// The generated assembly carries no .note.GNU-stack: say so, or the linker makes the stack executable.
// No OpenMP: ffiasm's curve header includes omp.h for its own multiexp, which we never call, and
// the header ships with the compiler; our thread pool does the parallel work.
const CXX_FLAGS = ['-O3', '-march=x86-64-v2', '-std=c++17', '-include', 'stdexcept', '-DNDEBUG', '-pthread'];
const LINK_FLAGS = ['-Wl,-z,noexecstack', '-lgmp'];
const FFIASM_SOURCES = ['alt_bn128.cpp', 'misc.cpp', 'naf.cpp', 'splitparstr.cpp'];

const root = projectRoot();
const outDir = path.join(root, 'dist', 'native');
const genDir = path.join(outDir, 'gen');
const binary = path.join(outDir, 'zkdesk-groth16');
const selftest = path.join(outDir, 'zkdesk-arithmetic-selftest');
const stampFile = path.join(outDir, 'build-stamp.json');
const sourceDir = path.join(root, 'native-prover');

function skip(reason: string): never {
  const line = `native prover not built: ${reason}; workers will prove with snarkjs`;
  if (process.env.ZKDESK_REQUIRE_NATIVE === '1') {
    console.error(`error: ${line} (ZKDESK_REQUIRE_NATIVE=1)`);
    process.exit(1);
  }
  console.log(line);
  process.exit(0);
}

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function run(file: string, args: string[], cwd: string): void {
  execFileSync(file, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

if (process.platform !== 'linux' || process.arch !== 'x64') skip(`${process.platform}-${process.arch} (ffiasm's assembly is for x86-64 Linux here)`);
for (const tool of ['nasm', 'g++']) if (!hasCommand(tool)) skip(`${tool} is not installed`);
if (!['/usr/include/gmp.h', '/usr/include/x86_64-linux-gnu/gmp.h'].some((f) => existsSync(f))) skip('GMP headers (libgmp-dev) are not installed');

const ffiasmDir = path.dirname(createRequire(import.meta.url).resolve('ffiasm/package.json'));
const ffiasmC = path.join(ffiasmDir, 'c');

// Rebuilt only when something it is made of changes: our sources, ffiasm's, or the flags.
const inputs = [
  ...readdirSync(sourceDir).map((f) => path.join(sourceDir, f)),
  ...readdirSync(ffiasmC).map((f) => path.join(ffiasmC, f)),
  path.join(ffiasmDir, 'package.json'),
];
const stamp = createHash('sha256');
for (const file of inputs.sort()) stamp.update(file.slice(root.length)).update(readFileSync(file));
stamp.update(JSON.stringify([CXX_FLAGS, LINK_FLAGS]));
const fingerprint = stamp.digest('hex');
if (existsSync(binary) && existsSync(selftest) && existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).fingerprint === fingerprint) {
  process.exit(0);
}

mkdirSync(genDir, { recursive: true });
const buildzqfield = path.join(ffiasmDir, 'src', 'buildzqfield.js');
for (const [name, prime] of [['Fq', BN128_Q], ['Fr', BN128_R]] as const) {
  run(process.execPath, [buildzqfield, '-q', prime, '-n', name], genDir);
  const lower = name.toLowerCase();
  run('nasm', ['-felf64', `${lower}.asm`, '-o', `${lower}_asm.o`], genDir);
}

const started = Date.now();
const includes = [`-I${sourceDir}`, `-I${genDir}`, `-I${ffiasmC}`];
// ffiasm's and the generated field's objects, compiled once and linked into both programs.
const objects = [...FFIASM_SOURCES.map((f) => path.join(ffiasmC, f)), path.join(genDir, 'fq.cpp'), path.join(genDir, 'fr.cpp')].map((source) => {
  const object = path.join(genDir, `${path.basename(source, '.cpp')}.o`);
  run('g++', [...CXX_FLAGS, ...includes, '-c', source, '-o', object], genDir);
  return object;
});
for (const [program, main] of [
  [binary, 'groth16_prove.cpp'],
  [selftest, 'arithmetic_selftest.cpp'],
] as const) {
  const partial = `${program}.partial`;
  run('g++', [...CXX_FLAGS, ...includes, path.join(sourceDir, main), ...objects, path.join(genDir, 'fq_asm.o'), path.join(genDir, 'fr_asm.o'), ...LINK_FLAGS, '-o', partial], genDir);
  renameSync(partial, program);
}
writeFileSync(stampFile, `${JSON.stringify({ fingerprint, ffiasm: JSON.parse(readFileSync(path.join(ffiasmDir, 'package.json'), 'utf8')).version })}\n`);
console.log(`native prover built: ${path.relative(root, binary)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
