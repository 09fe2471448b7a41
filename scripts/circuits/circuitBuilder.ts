// Builds the bundled circuits: circom source → r1cs/wasm → development ceremony → a circuit
// package in `<id>/build/` (wasm, zkey, vkey, sample input, manifest). A circuit whose
// manifest already carries this build's fingerprint and whose files still match it is left
// alone, so running the build on an unchanged tree costs a few hashes.
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as snarkjs from 'snarkjs';
import { circuitManifestSchema, DEVELOPMENT_CEREMONY, MANIFEST_FORMAT_VERSION, type CircuitManifest } from '../../common/prover/circuitManifest.js';
import { readZkeyDomainSize } from './binarySections.js';
import { circom2PackageVersion, CIRCOM_FLAGS, circomCompilerVersion, compileCircom, LIBRARY_DIR } from './circomCompile.js';
import { readCircuitInterface, requiredDomainPower } from './circuitInterface.js';
import { readCircuitSpec, type CircuitSpec } from './circuitSpec.js';
import { DEV_BEACON_HASH, DEV_BEACON_ITERATIONS_EXP, DEV_BEACON_NAME, runDevCeremony } from './devCeremony.js';
import { makeDevPtau } from './devPtau.js';
import { sha256File } from './fileSha256.js';
import { locatePtau, ptauSearchDirs, userPtauCacheDir, type PtauChoice } from './ptauLocator.js';
import { makeSampleInput } from './sampleInputs.js';
import { fingerprintSources } from './sourceFingerprint.js';
import { formatBytes } from '../../common/format/byteUnits.js';
import type { CircuitBuildEvent, CircuitBuildStep } from '../../common/prover/circuitBuild.js';

/** Bump when the build's recipe changes in a way the inputs do not show (sample values, manifest fields). */
const RECIPE_VERSION = 1;
export const DEFAULT_CIRCUITS_DIR = path.join('resources', 'circuits');

export const ARTIFACT_FILES = {
  wasm: 'circuit.wasm',
  zkey: 'circuit.zkey',
  vkey: 'verification_key.json',
  sample: 'input.sample.json',
  manifest: 'manifest.json',
} as const;

export interface BuildOptions {
  repoRoot: string;
  /** Absolute, or relative to repoRoot. */
  circuitsDir: string;
  only?: string[];
  includeLarge?: boolean;
  force?: boolean;
  /** Report what is out of date without building anything. */
  check?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /**
   * false: never make a development ptau (an hour at 2^16); fail, saying so, when no prepared
   * one is found. The app builds only from a prepared one.
   */
  makePtau?: boolean;
  /** Each step as it starts and ends: the app's progress. */
  onStep?: (event: Extract<CircuitBuildEvent, { type: 'step' }>) => void;
}

export type CircuitStatus = 'built' | 'up to date' | 'out of date' | 'skipped' | 'failed';

export interface CircuitOutcome {
  id: string;
  status: CircuitStatus;
  reason: string;
  buildDir: string;
  steps: Record<string, number>;
  manifest?: CircuitManifest;
}

interface Tools {
  circom2: string;
  snarkjs: string;
  circomCompiler?: string;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null)) !== null;
}

async function artifactEntry(file: string): Promise<{ file: string; sha256: string; bytes: number }> {
  const { size } = await stat(file);
  return { file: path.basename(file), sha256: await sha256File(file), bytes: size };
}

async function snarkjsVersion(repoRoot: string): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'node_modules', 'snarkjs', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Why the build folder does not match `sourceSha256`, or null when it does. */
async function staleReason(buildDir: string, sourceSha256: string): Promise<string | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(buildDir, ARTIFACT_FILES.manifest), 'utf8'));
  } catch {
    return 'not built yet';
  }
  const parsed = circuitManifestSchema.safeParse(raw);
  if (!parsed.success) return 'its manifest is invalid';
  const manifest = parsed.data;
  if (manifest.sourceSha256 !== sourceSha256) return 'its sources, settings or tools changed';
  for (const [kind, entry] of Object.entries(manifest.artifacts)) {
    const file = path.join(buildDir, entry.file);
    if (!(await exists(file))) return `${entry.file} is missing`;
    const actual = await artifactEntry(file);
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) return `${entry.file} (${kind}) does not match the manifest`;
  }
  if (manifest.sampleInput && !(await exists(path.join(buildDir, manifest.sampleInput)))) return `${manifest.sampleInput} is missing`;
  return null;
}

async function previousPtauOf(buildDir: string): Promise<{ file: string; sha256: string } | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(buildDir, ARTIFACT_FILES.manifest), 'utf8'));
  } catch {
    return null;
  }
  const parsed = circuitManifestSchema.safeParse(raw);
  return parsed.success ? { file: parsed.data.ceremony.ptauFile, sha256: parsed.data.ceremony.ptauSha256 } : null;
}

export async function listCircuitIds(circuitsDir: string): Promise<string[]> {
  const entries = await readdir(circuitsDir, { withFileTypes: true });
  const ids: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(circuitsDir, entry.name);
    if ((await exists(path.join(dir, 'circuit.json'))) && (await exists(path.join(dir, 'circuit.circom')))) ids.push(entry.name);
  }
  return ids.sort();
}

export async function runCircuitBuild(options: BuildOptions): Promise<CircuitOutcome[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const env = options.env ?? process.env;
  const repoRoot = path.resolve(options.repoRoot);
  const circuitsDir = path.resolve(repoRoot, options.circuitsDir);
  const isDefaultDir = circuitsDir === path.resolve(repoRoot, DEFAULT_CIRCUITS_DIR);
  const tools: Tools = { circom2: await circom2PackageVersion(), snarkjs: await snarkjsVersion(repoRoot) };
  const ptauByPower = new Map<number, PtauChoice | null>();

  const all = await listCircuitIds(circuitsDir);
  const unknown = (options.only ?? []).filter((id) => !all.includes(id));
  if (unknown.length > 0) throw new Error(`no circuit ${unknown.join(', ')} in ${circuitsDir} (known: ${all.join(', ')})`);
  const ids = options.only?.length ? all.filter((id) => options.only?.includes(id)) : all;

  const findPtau = async (power: number): Promise<PtauChoice | null> => {
    if (!ptauByPower.has(power)) {
      const dirs = ptauSearchDirs(env);
      let choice = await locatePtau(power, dirs, (note) => log(`  ptau: ${note}`));
      if (!choice && !options.check && options.makePtau !== false) {
        const cacheDir = userPtauCacheDir(env);
        log(
          `No prepared ptau of power ${power} or more in ${dirs.join(' or ')}.\n` +
            `Making a development one in ${cacheDir}: this takes minutes (about 140 s at power 12, 12 min at 14, an hour at 16).\n` +
            `Set ZKDESK_PTAU_DIR to a folder of prepared dev_<power>.ptau files to skip this.`,
        );
        const started = performance.now();
        let last = started;
        choice = await makeDevPtau(power, cacheDir, (step) => {
          const now = performance.now();
          log(`  ptau: ${step} (after ${seconds(now - last)})`);
          last = now;
        });
        log(`  ptau: made ${choice.file} in ${seconds(performance.now() - started)}`);
      }
      ptauByPower.set(power, choice);
    }
    return ptauByPower.get(power) ?? null;
  };

  const outcomes: CircuitOutcome[] = [];
  for (const id of ids) {
    const circuitDir = path.join(circuitsDir, id);
    const buildDir = path.join(circuitDir, 'build');
    const outcome: CircuitOutcome = { id, status: 'failed', reason: '', buildDir, steps: {} };
    outcomes.push(outcome);
    try {
      const spec = await readCircuitSpec(circuitDir);
      if (!spec.committed && !options.includeLarge) {
        outcome.status = 'skipped';
        outcome.reason = 'large (committed: false); add --include-large to build it';
        log(`${id}: skipped, ${outcome.reason}`);
        continue;
      }
      const circuitJsonSha256 = await sha256File(path.join(circuitDir, 'circuit.json'));
      const fingerprintWith = (ptauSha256: string) =>
        fingerprintSources({
          sourceFile: path.join(circuitDir, 'circuit.circom'),
          libraryDirs: [path.join(repoRoot, LIBRARY_DIR)],
          extras: {
            'circuit.json': circuitJsonSha256,
            circom2: tools.circom2,
            snarkjs: tools.snarkjs,
            ptau: ptauSha256,
            recipe: JSON.stringify({ RECIPE_VERSION, CIRCOM_FLAGS, DEV_BEACON_NAME, DEV_BEACON_HASH, DEV_BEACON_ITERATIONS_EXP }),
          },
        });
      // Up to date means: built from these sources with the ptau its manifest names. Which ptau
      // this machine happens to find does not matter (a fresh clone without ZKDESK_PTAU_DIR must
      // not make one and overwrite the committed keys); only --force rebuilds an unchanged circuit.
      const previousPtau = await previousPtauOf(buildDir);
      const stale = options.force
        ? '--force'
        : await staleReason(buildDir, previousPtau ? (await fingerprintWith(previousPtau.sha256)).sha256 : '');
      if (!stale) {
        outcome.status = 'up to date';
        log(`${id}: up to date`);
        continue;
      }
      if (options.check) {
        outcome.status = 'out of date';
        outcome.reason = stale;
        log(`${id}: out of date (${stale})`);
        continue;
      }
      const ptau = await findPtau(spec.ptauPower);
      if (!ptau) {
        throw new Error(
          options.makePtau === false
            ? `no prepared ptau of power ${spec.ptauPower} or more in ${ptauSearchDirs(env).join(' or ')}`
            : `no ptau of power ${spec.ptauPower} or more could be found or made`,
        );
      }
      const fingerprint = await fingerprintWith(ptau.sha256);
      // Another circuits folder (a test's temp copy) keeps its intermediates with it, so they go when it goes.
      const cacheDir = isDefaultDir ? path.join(repoRoot, '.cache', 'circuits', id) : path.join(circuitsDir, '.cache', id);
      log(`${id}: building (${stale}) with ${path.basename(ptau.file)} (${ptau.checksumVerified ? 'checksum verified' : 'no SHA256SUMS entry to check'})`);
      if (previousPtau && previousPtau.sha256 !== ptau.sha256) {
        log(
          `  note: the keys being replaced came from ${previousPtau.file} (sha256 ${previousPtau.sha256.slice(0, 12)}…), ` +
            `this build uses ${ptau.file} (${ptau.sha256.slice(0, 12)}…): the new keys will differ. ` +
            `To reproduce the committed keys, point ZKDESK_PTAU_DIR at the team's prepared ptau files.`,
        );
      }
      const onStep = options.onStep ?? (() => {});
      outcome.manifest = await buildOne({ id, spec, circuitDir, buildDir, cacheDir, repoRoot, ptau, tools, sourceSha256: fingerprint.sha256, steps: outcome.steps, log, onStep });
      outcome.status = 'built';
      outcome.reason = stale;
      const total = Object.values(outcome.steps).reduce((a, b) => a + b, 0);
      log(`${id}: built in ${seconds(total)} → ${path.relative(repoRoot, buildDir) || buildDir} (zkey ${formatBytes(outcome.manifest.artifacts.zkey.bytes)})`);
    } catch (error) {
      outcome.status = 'failed';
      outcome.reason = error instanceof Error ? error.message : String(error);
      log(`${id}: FAILED: ${outcome.reason}`);
    }
  }
  return outcomes;
}

interface BuildOneInput {
  id: string;
  spec: CircuitSpec;
  circuitDir: string;
  buildDir: string;
  cacheDir: string;
  repoRoot: string;
  ptau: PtauChoice;
  tools: Tools;
  sourceSha256: string;
  steps: Record<string, number>;
  log: (line: string) => void;
  onStep: NonNullable<BuildOptions['onStep']>;
}

async function buildOne(input: BuildOneInput): Promise<CircuitManifest> {
  const { id, spec, buildDir, cacheDir, ptau, tools, steps, log, onStep } = input;
  const step = async <T>(name: CircuitBuildStep, work: () => Promise<T>, describe: (result: T) => string = () => ''): Promise<T> => {
    const started = performance.now();
    onStep({ type: 'step', circuit: id, step: name, state: 'started' });
    const result = await work();
    steps[name] = performance.now() - started;
    onStep({ type: 'step', circuit: id, step: name, state: 'done', ms: steps[name] });
    const detail = describe(result);
    log(`  ${name.padEnd(9)} ${seconds(steps[name]).padStart(7)}${detail ? `  ${detail}` : ''}`);
    return result;
  };

  tools.circomCompiler ??= await circomCompilerVersion(input.repoRoot);
  const compiled = await step('compile', () => compileCircom(input.repoRoot, path.join(input.circuitDir, 'circuit.circom'), cacheDir));
  const iface = await readCircuitInterface(compiled.r1csPath, compiled.symPath);
  log(`            ${iface.constraints} constraints, ${iface.wires} wires, public: ${iface.publicSignals.join(', ') || 'none'}`);
  const needed = requiredDomainPower(iface);
  if (needed > spec.ptauPower) {
    throw new Error(`circuit.json says ptauPower ${spec.ptauPower}, but ${iface.constraints} constraints need a 2^${needed} domain: raise ptauPower to ${needed}`);
  }

  // The old manifest goes first, so a build stopped half-way never looks up to date.
  await mkdir(buildDir, { recursive: true });
  await rm(path.join(buildDir, ARTIFACT_FILES.manifest), { force: true });
  const zkeyPath = path.join(buildDir, ARTIFACT_FILES.zkey);
  const vkeyPath = path.join(buildDir, ARTIFACT_FILES.vkey);
  const wasmPath = path.join(buildDir, ARTIFACT_FILES.wasm);
  await copyFile(compiled.wasmPath, wasmPath);

  const ceremony = await runDevCeremony(compiled.r1csPath, ptau.file, path.join(cacheDir, 'circuit_0000.zkey'), zkeyPath, vkeyPath, (phase, state, ms) =>
    onStep({ type: 'step', circuit: id, step: phase, state, ...(ms !== undefined ? { ms } : {}) }),
  );
  const domainPower = Math.log2(await readZkeyDomainSize(zkeyPath));
  steps.setup = ceremony.setupMs;
  log(`  ${'setup'.padEnd(9)} ${seconds(ceremony.setupMs).padStart(7)}  zkey new, domain 2^${domainPower}`);
  steps.beacon = ceremony.beaconMs;
  log(`  ${'beacon'.padEnd(9)} ${seconds(ceremony.beaconMs).padStart(7)}  2^${DEV_BEACON_ITERATIONS_EXP} iterations`);
  steps.vkey = ceremony.exportMs;
  log(`  ${'vkey'.padEnd(9)} ${seconds(ceremony.exportMs).padStart(7)}`);

  const samplePath = path.join(buildDir, ARTIFACT_FILES.sample);
  const sample = await step(
    'sample',
    async () => {
      const value = await makeSampleInput(iface.inputs);
      if (!value) {
        await rm(samplePath, { force: true });
        return null;
      }
      // Computing the witness runs the circuit's own assertions: a wrong sample fails here, not in a user's hands.
      await snarkjs.wtns.calculate(value, wasmPath, { type: 'mem' });
      await writeFile(samplePath, `${JSON.stringify(value, null, 2)}\n`);
      return value;
    },
    (value) => (value ? `${ARTIFACT_FILES.sample}, witness computed` : 'no sample input: this interface is not one the build knows'),
  );

  const manifest = await step('manifest', async () => {
    const candidate: CircuitManifest = {
      formatVersion: MANIFEST_FORMAT_VERSION,
      id,
      title: spec.title,
      description: spec.description,
      protocol: 'groth16',
      curve: 'bn128',
      constraints: iface.constraints,
      wires: iface.wires,
      domainPower,
      publicSignals: iface.publicSignals,
      inputs: iface.inputs,
      ceremony: {
        kind: DEVELOPMENT_CEREMONY,
        ptauFile: path.basename(ptau.file),
        ptauPower: ptau.power,
        ptauSha256: ptau.sha256,
        beacon: DEV_BEACON_HASH,
      },
      sourceSha256: input.sourceSha256,
      artifacts: {
        wasm: await artifactEntry(wasmPath),
        zkey: await artifactEntry(zkeyPath),
        vkey: await artifactEntry(vkeyPath),
      },
      ...(sample ? { sampleInput: ARTIFACT_FILES.sample } : {}),
      builtWith: { circom: `${tools.circomCompiler} (circom2 ${tools.circom2})`, snarkjs: tools.snarkjs },
    };
    const parsed = circuitManifestSchema.parse(candidate);
    await writeFile(path.join(buildDir, ARTIFACT_FILES.manifest), `${JSON.stringify(parsed, null, 2)}\n`);
    return parsed;
  });
  return manifest;
}
