// circom2 is circom compiled to WebAssembly and run under WASI. Its sandbox sees only the
// working directory and its parents, addressed by relative paths, so the compiler runs as a
// child process in the repository root with every path made relative to it. A circuit
// outside the repository (a test's temp copy) moves the working directory up to the common
// ancestor: a source path that starts with `..` breaks its own `../lib/x.circom` includes.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Flags that shape the output: part of the build's fingerprint. */
export const CIRCOM_FLAGS = ['--r1cs', '--wasm', '--sym', '--O2'] as const;
export const LIBRARY_DIR = 'node_modules';

export interface CompiledCircuit {
  r1csPath: string;
  symPath: string;
  wasmPath: string;
}

function circomCli(): string {
  return require.resolve('circom2/cli.js');
}

export async function circom2PackageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(require.resolve('circom2/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

// The compiler prints colours even into a pipe.
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

function runCircom(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [circomCli(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output: plain(output) }));
  });
}

/** "circom compiler 2.2.3" → "2.2.3". */
export async function circomCompilerVersion(repoRoot: string): Promise<string> {
  const { output } = await runCircom(['--version'], repoRoot);
  const match = /circom compiler (\S+)/.exec(output);
  if (!match?.[1]) throw new Error(`cannot read the circom compiler version from: ${output.trim()}`);
  return match[1];
}

export function commonAncestor(a: string, b: string): string {
  const left = path.resolve(a).split(path.sep);
  const right = path.resolve(b).split(path.sep);
  let n = 0;
  while (n < left.length && n < right.length && left[n] === right[n]) n++;
  return left.slice(0, n).join(path.sep) || path.sep;
}

export async function compileCircom(repoRoot: string, sourceFile: string, outDir: string): Promise<CompiledCircuit> {
  // A stale circuit_js/ or r1cs from an earlier compile must never be mistaken for this one.
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const cwd = commonAncestor(repoRoot, sourceFile);
  const relative = (p: string): string => path.relative(cwd, p) || '.';
  const args = [relative(sourceFile), ...CIRCOM_FLAGS, '-l', relative(path.join(repoRoot, LIBRARY_DIR)), '-o', relative(outDir)];
  const { code, output } = await runCircom(args, cwd);
  if (code !== 0) {
    throw new Error(`circom failed on ${relative(sourceFile)} (exit ${code}):\n${output.trim()}`);
  }
  const base = path.basename(sourceFile, '.circom');
  return {
    r1csPath: path.join(outDir, `${base}.r1cs`),
    symPath: path.join(outDir, `${base}.sym`),
    wasmPath: path.join(outDir, `${base}_js`, `${base}.wasm`),
  };
}
