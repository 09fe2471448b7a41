// A user's own circuit: a folder or a zip holding circuit.wasm, circuit.zkey,
// verification_key.json and manifest.json (the format of the bundled build/ folders).
// Everything is checked before the circuit is offered: manifest schema, files, hashes,
// the proving key's header, and that the wasm compiles.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ZkError } from '../../../common/errors.js';
import { formatBytes } from '../../../common/format/byteUnits.js';
import { checkArtifacts } from './artifactCheck.js';
import { circuitManifestSchema } from '../../../common/prover/circuitManifest.js';
import { packageFiles } from './circuitRegistry.js';
import { sha256File, type FileHashCache } from './fileHash.js';
import type { CheckedCircuit } from './resolvedCircuit.js';
import { PACKAGE_CACHE_BYTES, prunePackageCache, touchPackage } from './packageCache.js';

/** A package bigger than this is refused rather than unpacked: 2^20-constraint keys stay under it. */
export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024 * 1024;
const ALLOWED_FILES = /^[A-Za-z0-9._-]+$/;

function packageError(reason: string, details: Record<string, string | number> = {}): ZkError {
  return new ZkError('E_PACKAGE_INVALID', `This circuit package cannot be used: ${reason}.`, { reason, ...details });
}

/** Unpacks a zip whose files sit at its root or inside one top folder, refusing anything odd. */
async function extractZip(zipPath: string, into: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, file) =>
      error || !file ? reject(packageError('it is not a readable zip file')) : resolve(file),
    ),
  );
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', () => reject(packageError('the zip file is damaged')));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const parts = entry.fileName.split('/').filter(Boolean);
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        const name = parts[parts.length - 1] ?? '';
        if (parts.length > 2 || !ALLOWED_FILES.test(name) || parts.some((p) => p === '..')) {
          return reject(packageError('it contains a file outside the package layout', { entry: entry.fileName.slice(0, 120) }));
        }
        total += entry.uncompressedSize;
        if (total > MAX_PACKAGE_BYTES) return reject(packageError(`it is larger than ${formatBytes(MAX_PACKAGE_BYTES)} unpacked`));
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(packageError('an entry of the zip cannot be read', { entry: name }));
          pipeline(stream, createWriteStream(path.join(into, name), { flags: 'wx', mode: 0o600 })).then(
            () => zip.readEntry(),
            () => reject(packageError('an entry of the zip cannot be unpacked', { entry: name })),
          );
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

export interface OpenPackageOptions {
  hashes: FileHashCache;
  /** Where zips are unpacked, keyed by their hash: the data directory's cache/packages. */
  unpackDir: string;
  /** Bound on unpacked packages; the least recently used go first. */
  cacheBytes?: number;
}

export async function openCircuitPackage(packagePath: string, options: OpenPackageOptions): Promise<CheckedCircuit> {
  const info = await stat(packagePath).catch(() => null);
  if (!info) throw new ZkError('E_ARTIFACT_MISSING', 'The circuit package was not found.', { path: path.basename(packagePath) });

  let dir = packagePath;
  if (info.isFile()) {
    const digest = (await sha256File(packagePath)).slice(0, 32);
    dir = path.join(options.unpackDir, digest);
    if (!(await stat(path.join(dir, 'manifest.json')).catch(() => null))) {
      // Unpack beside the final place and rename, so a failed unpack never looks complete.
      const partial = `${dir}.partial-${process.pid}`;
      await rm(partial, { recursive: true, force: true });
      await mkdir(partial, { recursive: true, mode: 0o700 });
      try {
        await extractZip(packagePath, partial);
        await rm(dir, { recursive: true, force: true });
        await rename(partial, dir);
      } catch (error) {
        await rm(partial, { recursive: true, force: true });
        throw error;
      }
      await prunePackageCache(options.unpackDir, options.cacheBytes ?? PACKAGE_CACHE_BYTES, dir);
    }
    await touchPackage(dir);
  }

  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    throw packageError('manifest.json is missing or not valid JSON');
  }
  const parsed = circuitManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw packageError(`manifest.json is invalid (${first ? `${first.path.join('.')}: ${first.message}` : 'unknown'})`);
  }
  const manifest = parsed.data;
  const checked = await checkArtifacts(
    { id: manifest.id, title: manifest.title, source: 'package', manifest, files: packageFiles(dir, manifest) },
    options.hashes,
    { compileWasm: true },
  );
  return checked;
}
