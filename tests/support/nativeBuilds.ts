// The native prover builds (dist/native/<os>-<arch>/manifest.json) this machine can run, and how:
// linux-x64 directly, linux-arm64 under qemu-user, win-x64 under wine.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../node/resourcePaths.js';
import { parseNativeManifest, type NativeBinary } from '../../native-workers/nativeManifest.js';
import { hasCommand } from '../../scripts/native/hasCommand.js';
import { nativeVariants, type NativeVariant } from '../../scripts/native/nativeVariants.js';

export const nativeRoot = path.join(projectRoot(), 'dist', 'native');

export interface Built {
  variant: NativeVariant;
  entry: NativeBinary;
  file: string;
  /** The command line prefix that runs it here. */
  prefix: string[];
}

/** A build this machine should run, or why not; `cpu` reasons are no failure even in CI. */
function builtHere(variant: NativeVariant): Built | string {
  const dir = path.join(nativeRoot, variant.target);
  let entry: NativeBinary | undefined;
  try {
    entry = parseNativeManifest(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).binaries.find((b) => b.file === variant.file);
  } catch {
    entry = undefined;
  }
  const file = path.join(dir, variant.file);
  if (!entry || !existsSync(file)) return `${variant.target}/${variant.file} was not built here`;
  if (variant.runner && !hasCommand(variant.runner.command)) return `${variant.runner.command} is not installed (apt-get install ${variant.runner.debianPackage})`;
  if (variant.cpuFeatures.length > 0) {
    const flags = new Set(/^flags\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.split(/\s+/) ?? []);
    if (!variant.cpuFeatures.every((f) => flags.has(f))) return `cpu: this CPU lacks ${variant.cpuFeatures.join('/')}`;
  }
  return { variant, entry, file, prefix: variant.runner ? [variant.runner.command, ...variant.runner.args] : [] };
}

/** Every build made here that this machine can run (natively, under qemu-user or wine); the rest skipped with a line. */
export function runnableNativeBuilds(what: string): Built[] {
const runnable: Built[] = [];
for (const variant of nativeVariants.filter((v) => v.buildsOn === process.platform && (!v.buildsOnArch || v.buildsOnArch === process.arch))) {
  const built = builtHere(variant);
  if (typeof built !== 'string') {
    runnable.push(built);
    continue;
  }
  if (process.env.ZKDESK_REQUIRE_NATIVE === '1' && !built.startsWith('cpu: ')) throw new Error(`ZKDESK_REQUIRE_NATIVE=1 but ${built}`);
  console.log(`${what} of ${variant.target}/${variant.file} skipped: ${built}.`);
}
return runnable;
}
