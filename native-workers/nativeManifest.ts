// The manifest beside each platform's native prover builds (dist/native/<os>-<arch>/manifest.json,
// written by scripts/native/buildNativeProver.ts, shipped as the app's resources/native/), and the
// choice among its binaries for this machine. Folders use electron-builder's ${os}-${arch} names
// (linux, mac, win), so its packing rule can pick a target's folder by macro.
export interface NativeBinary {
  /** File name inside the folder. */
  file: string;
  /** asm: ffiasm's generated x86-64 field assembly; portable: our plain C++ field (native-prover/field/). */
  field: 'asm' | 'portable';
  /** CPU features the binary needs beyond the architecture's baseline (lower-case /proc/cpuinfo names). */
  cpuFeatures: string[];
  sha256: string;
  compiler: string;
  flags: string[];
  /** pool: our own std::thread pool (native-prover/thread_pool.hpp); no build uses OpenMP. */
  threads: 'pool';
  /** A hash of everything it was built from: unchanged inputs are not rebuilt. */
  fingerprint: string;
}

export interface NativeManifest {
  target: string;
  ffiasm: string;
  /** In order of preference: the first this machine can run is used. */
  binaries: NativeBinary[];
}

/**
 * Parses a manifest, or says what is wrong with it. Hand-checked rather than with zod: the worker
 * reads it on every start, and a schema library would cost more to load than the file to read.
 */
export function parseNativeManifest(text: string): NativeManifest {
  const value = JSON.parse(text) as Partial<NativeManifest>;
  const isString = (v: unknown): v is string => typeof v === 'string';
  if (!value || !isString(value.target) || !isString(value.ffiasm) || !Array.isArray(value.binaries)) throw new Error('not a native prover manifest');
  for (const b of value.binaries as Partial<NativeBinary>[]) {
    const ok =
      isString(b.file) &&
      /^[\w.-]+$/.test(b.file) &&
      (b.field === 'asm' || b.field === 'portable') &&
      Array.isArray(b.cpuFeatures) &&
      b.cpuFeatures.every(isString) &&
      isString(b.sha256) &&
      /^[0-9a-f]{64}$/.test(b.sha256) &&
      isString(b.compiler) &&
      Array.isArray(b.flags) &&
      b.threads === 'pool' &&
      isString(b.fingerprint);
    if (!ok) throw new Error(`a binary entry of the ${value.target} manifest is malformed`);
  }
  return value as NativeManifest;
}

/** electron-builder's ${os} for a Node platform; null where no native prover is built. */
export function builderOs(platform: NodeJS.Platform): 'linux' | 'mac' | 'win' | null {
  return platform === 'linux' ? 'linux' : platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : null;
}

/** The folder name for a platform and architecture, e.g. linux-x64, mac-arm64, win-x64. */
export function nativeTarget(platform: NodeJS.Platform, arch: string): string | null {
  const os = builderOs(platform);
  return os && (arch === 'x64' || arch === 'arm64') ? `${os}-${arch}` : null;
}

export type BinaryChoice = { binary: NativeBinary; reason: string } | { binary: null; reason: string };

/**
 * The first binary whose CPU features this machine has. `cpuFeatures` is null where they cannot be
 * read (not Linux): then only binaries that need nothing beyond the baseline are taken, since a
 * missing instruction would kill the prover on its first proof.
 */
export function chooseBinary(manifest: NativeManifest, cpuFeatures: ReadonlySet<string> | null, available: (file: string) => boolean): BinaryChoice {
  const skipped: string[] = [];
  for (const binary of manifest.binaries) {
    if (!available(binary.file)) {
      skipped.push(`${binary.file} is missing`);
      continue;
    }
    const lacking = binary.cpuFeatures.filter((f) => !cpuFeatures?.has(f));
    if (lacking.length > 0) {
      const needs = binary.cpuFeatures.map((f) => f.toUpperCase()).join(' and ');
      skipped.push(cpuFeatures ? `${binary.file} needs ${needs}, which this CPU lacks` : `${binary.file} needs ${needs}, which cannot be checked here`);
      continue;
    }
    const has = binary.cpuFeatures.map((f) => f.toUpperCase()).join(' and ');
    const why = binary.field === 'asm' ? `the CPU has ${has} for the assembly field` : 'the portable C++ field';
    return { binary, reason: [`${manifest.target} ${binary.file}: ${why}`, ...skipped.map((s) => `(${s})`)].join(' ') };
  }
  return { binary: null, reason: skipped.length ? `no usable build for ${manifest.target}: ${skipped.join('; ')}` : `the ${manifest.target} manifest lists no build` };
}

/** The flags line of Linux's /proc/cpuinfo as a set. */
export function cpuFlags(cpuinfo: string): Set<string> {
  return new Set(/^(?:flags|Features)\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.split(/\s+/).filter(Boolean) ?? []);
}
