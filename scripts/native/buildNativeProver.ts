// Builds the native Groth16 prover (native-prover/) for every platform this machine can build
// (nativeVariants.ts) into dist/native/<os>-<arch>/, with a manifest.json per folder (sha256,
// field path, compiler and flags) that the worker reads to pick and check its binary.
// Beside each prover, zkdesk-arithmetic-selftest (same suffix) checks our MSM and FFT on that
// build's field against the plain definitions (tests/integration/prover/nativeArithmetic.test.ts).
//
// The field is ours (native-prover/field/): plain C++ everywhere, or ffiasm's generated x86-64
// assembly where nasm is installed. ffiasm's C++ curve and MSM code is compiled beside it.
// Nothing needs GMP. What each tool buys: g++ alone → the portable linux-x64 prover; nasm → the
// faster assembly variant beside it; g++-aarch64-linux-gnu → linux-arm64; mingw-w64 → win-x64;
// clang on macOS → mac-x64 and mac-arm64.
//
// Runs in `npm run build`. A variant whose tools are missing is skipped with one printed line and
// workers prove with snarkjs where no variant fits. ZKDESK_REQUIRE_NATIVE=1 (set by .ci/run) turns
// a skipped variant of this host's OS into a failure, so CI cannot quietly stop testing one.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../node/resourcePaths.js';
import { parseNativeManifest, type NativeBinary, type NativeManifest } from '../../native-workers/nativeManifest.js';
import { hasCommand } from './hasCommand.js';
import { nativeVariants, type NativeVariant } from './nativeVariants.js';

const BN128_Q = '21888242871839275222246405745257275088696311157297823662689037894645226208583';
const BN128_R = '21888242871839275222246405745257275088548364400416034343698204186575808495617';
// ffiasm's C++ we compile: the curve and F2 templates and their few helpers. Its field (generated
// fr.cpp/fq.cpp), file readers, FFT and multiexp need GMP or OpenMP and are replaced by ours.
const FFIASM_SOURCES = ['alt_bn128.cpp', 'misc.cpp', 'naf.cpp', 'splitparstr.cpp'];
// Linked into both programs of a variant, compiled once per variant.
const SHARED_SOURCES = ['field/bn128_fields.cpp', 'platform/parent_watch.cpp', 'platform/mapped_file.cpp', 'platform/peak_memory.cpp', 'platform/stdin_bytes.cpp'];
const PROGRAMS = [
  { main: 'groth16_prove.cpp', prefix: 'zkdesk-groth16' },
  { main: 'arithmetic_selftest.cpp', prefix: 'zkdesk-arithmetic-selftest' },
] as const;

const root = projectRoot();
const outRoot = path.join(root, 'dist', 'native');
const sourceDir = path.join(root, 'native-prover');
const ffiasmDir = path.dirname(createRequire(import.meta.url).resolve('ffiasm/package.json'));
const ffiasmC = path.join(ffiasmDir, 'c');
const ffiasmVersion = (JSON.parse(readFileSync(path.join(ffiasmDir, 'package.json'), 'utf8')) as { version: string }).version;
const run = promisify(execFile);

/** Why this variant cannot be built here, or null. */
function missingTool(variant: NativeVariant): string | null {
  if (process.platform !== variant.buildsOn) {
    return variant.buildsOn === 'darwin' ? 'it is built on macOS (clang and Apple\'s SDK)' : `it is built on ${variant.buildsOn}`;
  }
  if (variant.buildsOnArch && process.arch !== variant.buildsOnArch) return `it is built on ${variant.buildsOn}-${variant.buildsOnArch} (the host's own g++)`;
  if (variant.nasmFormat && !hasCommand('nasm')) return 'nasm is not installed';
  if (!hasCommand(variant.compiler)) return `${variant.compiler} is not installed`;
  return null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function compilerVersion(compiler: string): string {
  return execFileSync(compiler, ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim() ?? compiler;
}

function fingerprintOf(variant: NativeVariant, compiler: string): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(sourceDir), ...filesUnder(ffiasmC), path.join(ffiasmDir, 'package.json')].sort()) {
    hash.update(path.relative(root, file)).update(readFileSync(file));
  }
  return hash.update(JSON.stringify({ ...variant, compiler })).digest('hex');
}

function readManifest(dir: string, target: string): NativeManifest {
  try {
    return parseNativeManifest(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return { target, ffiasm: ffiasmVersion, binaries: [] };
  }
}

/** ffiasm's generator writes the field as nasm assembly; assembled once per object format. */
async function fieldAssembly(format: 'elf64' | 'macho64'): Promise<string[]> {
  const genDir = path.join(outRoot, 'gen', format);
  mkdirSync(genDir, { recursive: true });
  const objects: string[] = [];
  for (const [name, prime] of [['Fq', BN128_Q], ['Fr', BN128_R]] as const) {
    const lower = name.toLowerCase();
    const object = path.join(genDir, `${lower}_asm.o`);
    await run(process.execPath, [path.join(ffiasmDir, 'src', 'buildzqfield.js'), '-q', prime, '-n', name], { cwd: genDir });
    // Mach-O wants a leading underscore on C symbols.
    await run('nasm', [`-f${format}`, ...(format === 'macho64' ? ['--prefix', '_'] : []), `${lower}.asm`, '-o', object], { cwd: genDir });
    objects.push(object);
  }
  return objects;
}

async function build(variant: NativeVariant): Promise<NativeBinary> {
  const compiler = compilerVersion(variant.compiler);
  const fingerprint = fingerprintOf(variant, compiler);
  const dir = path.join(outRoot, variant.target);
  const output = path.join(dir, variant.file);
  const previous = readManifest(dir, variant.target).binaries.find((b) => b.file === variant.file);
  if (previous?.fingerprint === fingerprint && existsSync(output)) return previous;

  mkdirSync(dir, { recursive: true });
  const objDir = path.join(outRoot, 'gen', `${variant.target}-${variant.field}`);
  mkdirSync(objDir, { recursive: true });
  const started = Date.now();
  const includes = ['-Ifield', '-I.', `-I${ffiasmC}`];
  const compile = async (source: string): Promise<string> => {
    const object = path.join(objDir, `${path.basename(source, '.cpp')}.o`);
    await run(variant.compiler, [...variant.flags, ...includes, '-c', source, '-o', object], { cwd: sourceDir, maxBuffer: 64 * 1024 * 1024 });
    return object;
  };
  const shared = [...(variant.nasmFormat ? await fieldAssembly(variant.nasmFormat) : [])];
  for (const source of [...SHARED_SOURCES, ...FFIASM_SOURCES.map((f) => path.join(ffiasmC, f))]) shared.push(await compile(source));
  for (const program of PROGRAMS) {
    const target = path.join(dir, variant.file.replace('zkdesk-groth16', program.prefix));
    const partial = `${target}.partial`;
    const objects = [await compile(program.main), ...shared];
    await run(variant.compiler, [...variant.flags, ...objects, ...variant.link, '-o', partial], { cwd: sourceDir, maxBuffer: 64 * 1024 * 1024 });
    renameSync(partial, target);
  }
  console.log(`native prover built: ${path.relative(root, output)} (${variant.field} field, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return {
    file: variant.file,
    field: variant.field,
    cpuFeatures: variant.cpuFeatures,
    sha256: createHash('sha256').update(readFileSync(output)).digest('hex'),
    compiler,
    flags: [...variant.flags, ...variant.link],
    threads: variant.threads,
    fingerprint,
  };
}

// The single-binary layout of earlier builds (dist/native/zkdesk-groth16): gone, so nothing finds it.
for (const legacy of ['zkdesk-groth16', 'build-stamp.json', 'gen/fr.asm', 'gen/fq.asm', 'gen/fr.cpp', 'gen/fq.cpp', 'gen/fr.hpp', 'gen/fq.hpp', 'gen/fr_asm.o', 'gen/fq_asm.o']) {
  rmSync(path.join(outRoot, legacy), { force: true });
}

const buildable: NativeVariant[] = [];
const failures: string[] = [];
for (const variant of nativeVariants) {
  const missing = missingTool(variant);
  if (!missing) {
    buildable.push(variant);
    continue;
  }
  const line = `native prover ${variant.target}/${variant.file} not built: ${missing}`;
  if (process.env.ZKDESK_REQUIRE_NATIVE === '1' && variant.buildsOn === process.platform) failures.push(line);
  else console.log(line);
}

// Compiles run side by side, one per core: each is a single g++ process.
const results = new Map<NativeVariant, NativeBinary>();
const queue = [...buildable];
async function worker(): Promise<void> {
  for (let v = queue.shift(); v; v = queue.shift()) {
    try {
      results.set(v, await build(v));
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).split('\n').slice(-15).join('\n');
      failures.push(`native prover ${v.target}/${v.file} failed to build:\n${stderr}`);
    }
  }
}
await Promise.all(Array.from({ length: Math.max(1, Math.min(os.availableParallelism(), buildable.length)) }, worker));

// One manifest per folder, binaries in the variants' order of preference.
for (const target of new Set(buildable.map((v) => v.target))) {
  const binaries = nativeVariants.filter((v) => v.target === target && results.has(v)).map((v) => results.get(v) as NativeBinary);
  if (binaries.length === 0) continue;
  const manifest: NativeManifest = { target, ffiasm: ffiasmVersion, binaries };
  const file = path.join(outRoot, target, 'manifest.json');
  writeFileSync(`${file}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${file}.partial`, file);
}

if (failures.length > 0) {
  for (const f of failures) console.error(`error: ${f}${process.env.ZKDESK_REQUIRE_NATIVE === '1' ? ' (ZKDESK_REQUIRE_NATIVE=1)' : ''}`);
  // Outside CI a failed cross build must not stop `npm ci`: the other builds and snarkjs remain.
  if (process.env.ZKDESK_REQUIRE_NATIVE === '1') process.exit(1);
}
