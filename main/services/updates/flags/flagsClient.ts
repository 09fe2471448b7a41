// Fetches flags.json beside the update feed with every update check, keeps it only if it is
// signed by a trusted key, unexpired and not older than the copy already held, and keeps the
// last good copy in the data directory's cache, so a feed outage or a tampered file changes
// nothing. The cached copy is verified again when read: a file edited on disk is no copy.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ZkError, type ErrorPayload } from '../../../../common/errors.js';
import type { FlagsPayload } from './flagsDocument.js';
import { verifySignedFlags } from './flagsSignature.js';
import { noFlags, resolveFlags, type InstallIdentity, type ResolvedFlags } from './flagTargeting.js';

export type FetchText = (url: string) => Promise<{ status: number; text: string }>;

export interface FlagsSnapshot {
  resolved: ResolvedFlags;
  /** Where the flags in force came from. */
  source: 'feed' | 'cache' | 'none';
  serial: number | null;
  expiresAt: string | null;
  /** Why the fetched copy was not used, when it was not. */
  problem: ErrorPayload | null;
}

export interface FlagsClientOptions {
  url: string;
  trustedPublicKeysPem: readonly string[];
  /** <data dir>/cache/flags.json */
  cacheFile: string;
  fetchText: FetchText;
  now?: () => Date;
}

export const emptyFlagsSnapshot: FlagsSnapshot = { resolved: noFlags, source: 'none', serial: null, expiresAt: null, problem: null };

export class FlagsClient {
  private snapshot: FlagsSnapshot = emptyFlagsSnapshot;
  private readonly now: () => Date;

  constructor(private readonly options: FlagsClientOptions) {
    this.now = options.now ?? (() => new Date());
  }

  current(): FlagsSnapshot {
    return this.snapshot;
  }

  /** Never throws: a problem is reported in the snapshot and the last good copy stays in force. */
  async refresh(install: InstallIdentity): Promise<FlagsSnapshot> {
    const cached = await this.readCache();
    let problem: ZkError | null = null;
    try {
      const fetched = await this.fetchVerified();
      if (cached && fetched.payload.serial < cached.serial) {
        throw new ZkError('E_FLAGS_INVALID', 'The flags file on the feed is older than the copy already held; it was ignored.', {
          fetchedSerial: fetched.payload.serial,
          heldSerial: cached.serial,
        });
      }
      await this.writeCache(fetched.raw);
      this.snapshot = this.snapshotOf(fetched.payload, 'feed', install, null);
      return this.snapshot;
    } catch (error) {
      problem = ZkError.wrap(error, 'E_FLAGS_INVALID');
    }
    this.snapshot = cached
      ? this.snapshotOf(cached, 'cache', install, problem)
      : { ...emptyFlagsSnapshot, problem: problem.toPayload() };
    return this.snapshot;
  }

  private snapshotOf(payload: FlagsPayload, source: 'feed' | 'cache', install: InstallIdentity, problem: ZkError | null): FlagsSnapshot {
    return {
      resolved: resolveFlags(payload, install),
      source,
      serial: payload.serial,
      expiresAt: payload.expiresAt,
      problem: problem ? problem.toPayload() : null,
    };
  }

  private async fetchVerified(): Promise<{ payload: FlagsPayload; raw: string }> {
    let response: { status: number; text: string };
    try {
      response = await this.options.fetchText(this.options.url);
    } catch (error) {
      throw new ZkError('E_UPDATE_UNREACHABLE', undefined, { url: this.options.url, reason: String(error) }, { cause: error });
    }
    if (response.status !== 200) {
      throw new ZkError('E_UPDATE_UNREACHABLE', `The flags file could not be fetched (HTTP ${response.status}).`, {
        url: this.options.url,
        status: response.status,
      });
    }
    const payload = this.verifyText(response.text);
    return { payload, raw: response.text };
  }

  private verifyText(text: string): FlagsPayload {
    return verifyFlagsText(text, this.options.trustedPublicKeysPem, this.now());
  }

  private async readCache(): Promise<FlagsPayload | null> {
    return readHeldPayload(this.options.cacheFile, this.options.trustedPublicKeysPem, this.now());
  }

  private async writeCache(text: string): Promise<void> {
    await mkdir(path.dirname(this.options.cacheFile), { recursive: true });
    const temp = `${this.options.cacheFile}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, this.options.cacheFile);
  }
}

/** Parses a flags file and keeps it only if a trusted key signed it and it has not expired. */
function verifyFlagsText(text: string, trustedPublicKeysPem: readonly string[], now: Date): FlagsPayload {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new ZkError('E_FLAGS_INVALID', 'The flags file is not JSON.');
  }
  const payload = verifySignedFlags(document, trustedPublicKeysPem);
  if (Date.parse(payload.expiresAt) <= now.getTime()) {
    throw new ZkError('E_FLAGS_INVALID', 'The flags file has expired; it was ignored.', { expiresAt: payload.expiresAt });
  }
  return payload;
}

async function readHeldPayload(cacheFile: string, trustedPublicKeysPem: readonly string[], now: Date): Promise<FlagsPayload | null> {
  let text: string;
  try {
    text = await readFile(cacheFile, 'utf8');
  } catch {
    return null;
  }
  try {
    return verifyFlagsText(text, trustedPublicKeysPem, now);
  } catch {
    return null;
  }
}

/**
 * The flags last fetched into this data directory (by the app, the host or any run with a
 * feed), verified again, without asking the feed: what a run without an update check (the CLI,
 * or the app before its first check) must still honour, kill switches first.
 */
export async function readHeldFlags(options: { cacheFile: string; trustedPublicKeysPem: readonly string[]; install: InstallIdentity; now?: Date }): Promise<FlagsSnapshot> {
  const payload = await readHeldPayload(options.cacheFile, options.trustedPublicKeysPem, options.now ?? new Date());
  if (!payload) return emptyFlagsSnapshot;
  return { resolved: resolveFlags(payload, options.install), source: 'cache', serial: payload.serial, expiresAt: payload.expiresAt, problem: null };
}

/** Where every host keeps the last good flags file: the feed's client writes it, the kill switch reads it. */
export function flagsCacheFile(dataDir: string): string {
  return path.join(dataDir, 'cache', 'flags.json');
}
