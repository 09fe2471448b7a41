// The bundled circuits: each `<circuitsDir>/<id>/` holds sources and a circuit.json; a built
// one also has `build/` (a circuit package: wasm, zkey, vkey, manifest, sample input).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZkError } from '../../../common/errors.js';
import { circuitManifestSchema, type CircuitManifest } from '../../../common/prover/circuitManifest.js';
import type { ResolvedCircuit } from './resolvedCircuit.js';

export interface CircuitListing {
  id: string;
  title: string;
  description: string;
  built: boolean;
  /** Present when built. */
  manifest: CircuitManifest | null;
  /** Why a built circuit cannot be used (its manifest is invalid), if so. */
  problem: string | null;
}

interface SourceSpec {
  title?: string;
  description?: string;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

export function packageFiles(dir: string, manifest: CircuitManifest): ResolvedCircuit['files'] {
  return {
    wasmPath: path.join(dir, manifest.artifacts.wasm.file),
    zkeyPath: path.join(dir, manifest.artifacts.zkey.file),
    vkeyPath: path.join(dir, manifest.artifacts.vkey.file),
  };
}

export class CircuitRegistry {
  constructor(readonly circuitsDir: string) {}

  private buildDir(id: string): string {
    return path.join(this.circuitsDir, id, 'build');
  }

  private async listing(id: string): Promise<CircuitListing | null> {
    const dir = path.join(this.circuitsDir, id);
    const spec = (await readJson(path.join(dir, 'circuit.json')).catch(() => null)) as SourceSpec | null;
    let raw: unknown;
    try {
      raw = await readJson(path.join(this.buildDir(id), 'manifest.json'));
    } catch {
      if (!spec) return null;
      return { id, title: spec.title ?? id, description: spec.description ?? '', built: false, manifest: null, problem: null };
    }
    const parsed = circuitManifestSchema.safeParse(raw);
    if (!parsed.success) {
      const problem = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return { id, title: spec?.title ?? id, description: spec?.description ?? '', built: true, manifest: null, problem };
    }
    const manifest = parsed.data;
    return { id, title: manifest.title, description: manifest.description, built: true, manifest, problem: null };
  }

  async list(): Promise<CircuitListing[]> {
    const entries = await readdir(this.circuitsDir, { withFileTypes: true }).catch(() => []);
    const listings = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => this.listing(e.name)));
    return listings.filter((l): l is CircuitListing => l !== null).sort((a, b) => a.id.localeCompare(b.id));
  }

  async resolve(id: string): Promise<ResolvedCircuit> {
    const listing = /^[a-z0-9][a-z0-9-]*$/.test(id) ? await this.listing(id) : null;
    if (!listing) {
      const known = (await this.list()).map((c) => c.id).join(', ');
      throw new ZkError('E_CIRCUIT_UNKNOWN', `No circuit "${id}" is bundled. Known circuits: ${known}.`, { circuit: id });
    }
    if (!listing.built) {
      throw new ZkError(
        'E_CIRCUIT_NOT_BUILT',
        `Circuit "${id}" has no proving key yet: build it from the Prove page where this install can, or run \`npm run circuits -- --only ${id} --include-large\` in a source checkout.`,
        { circuit: id },
      );
    }
    if (!listing.manifest) {
      throw new ZkError('E_ARTIFACT_CORRUPT', `The manifest of circuit "${id}" is invalid.`, { circuit: id, problem: listing.problem });
    }
    return { id, title: listing.title, source: 'bundled', manifest: listing.manifest, files: packageFiles(this.buildDir(id), listing.manifest) };
  }

  /** The circuit's shipped valid input, if it has one. */
  async sampleInput(id: string): Promise<unknown> {
    const circuit = await this.resolve(id);
    const file = circuit.manifest?.sampleInput;
    if (!file) throw new ZkError('E_ARTIFACT_MISSING', `Circuit "${id}" ships no sample input.`, { circuit: id });
    return readJson(path.join(this.buildDir(id), path.basename(file)));
  }
}
