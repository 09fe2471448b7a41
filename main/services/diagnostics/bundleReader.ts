// Opens a diagnostics bundle and checks it against its own manifest: a file whose checksum or
// size differs is tampered, a listed file that is absent makes the bundle incomplete, a file
// the manifest does not list was added. The CLI's inspector and the app's bundle view both read
// through here.
import yauzl from 'yauzl';
import { ZkError } from '../../../common/errors.js';
import { MANIFEST_PATH, bundleManifestSchema, type BundleManifest } from '../../../common/diagnostics/bundleManifest.js';
import { sha256 } from './bundleWriter.js';

import type { BundleIntegrity } from '../../../common/diagnostics/bundleViews.js';

export type { BundleIntegrity } from '../../../common/diagnostics/bundleViews.js';

export interface OpenedBundle {
  file: string;
  manifest: BundleManifest | null;
  files: Map<string, Buffer>;
  integrity: BundleIntegrity;
}

/** A bundle is capped when written; anything far larger is not one of ours. */
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(file);
  const files = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve(files));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      total += entry.uncompressedSize;
      if (total > MAX_TOTAL_BYTES) {
        zip.close();
        reject(new Error('the bundle is larger than any bundle zkdesk writes'));
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) {
          reject(error);
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

export async function openBundle(file: string): Promise<OpenedBundle> {
  let files: Map<string, Buffer>;
  try {
    files = await readEntries(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new ZkError('E_IO', 'The bundle file could not be read.', { path: file, code }, { cause: error });
    }
    throw new ZkError('E_BUNDLE_TAMPERED', 'This file is not a readable diagnostics bundle (the zip is damaged or truncated).', {
      path: file,
      reason: error instanceof Error ? error.message : String(error),
    }, { cause: error });
  }

  const integrity: BundleIntegrity = { ok: false, status: 'no-manifest', tampered: [], missing: [], unexpected: [], manifestProblem: null };
  const rawManifest = files.get(MANIFEST_PATH);
  let manifest: BundleManifest | null = null;
  if (!rawManifest) {
    integrity.manifestProblem = 'manifest.json is missing';
  } else {
    try {
      const parsed = bundleManifestSchema.safeParse(JSON.parse(rawManifest.toString('utf8')));
      if (parsed.success) manifest = parsed.data;
      else integrity.manifestProblem = `manifest.json is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    } catch {
      integrity.manifestProblem = 'manifest.json is not valid JSON';
    }
  }
  if (!manifest) return { file, manifest, files, integrity };

  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const content = files.get(entry.path);
    if (!content) {
      integrity.missing.push(entry.path);
    } else if (content.length !== entry.bytes) {
      integrity.tampered.push({ path: entry.path, reason: `size is ${content.length} bytes, the manifest says ${entry.bytes}` });
    } else if (sha256(content) !== entry.sha256) {
      integrity.tampered.push({ path: entry.path, reason: 'checksum does not match the manifest' });
    }
  }
  for (const name of files.keys()) if (name !== MANIFEST_PATH && !listed.has(name)) integrity.unexpected.push(name);
  integrity.status = integrity.tampered.length > 0 || integrity.unexpected.length > 0 ? 'tampered' : integrity.missing.length > 0 ? 'incomplete' : 'intact';
  integrity.ok = integrity.status === 'intact';
  return { file, manifest, files, integrity };
}

/** A bundle file's JSON, or null when absent or unreadable (the inspector reports, never throws). */
export function bundleJson(bundle: OpenedBundle, name: string): unknown {
  const content = bundle.files.get(name);
  if (!content) return null;
  try {
    return JSON.parse(content.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** A JSON-lines file's records; lines that do not parse are skipped. */
export function bundleJsonLines(bundle: OpenedBundle, name: string): Record<string, unknown>[] {
  const content = bundle.files.get(name);
  if (!content) return [];
  const out: Record<string, unknown>[] = [];
  for (const line of content.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) out.push(value as Record<string, unknown>);
    } catch {
      // skipped
    }
  }
  return out;
}
