// The feedback endpoint's user name and password. settings.json travels in support bundles and
// is read by people, so a credential typed into the address is split off it when the address is
// saved and kept in a file of its own that no bundle picks up (feedback-credentials.json, 0600):
// sealed by the OS in the desktop app (Electron's safeStorage: Keychain, DPAPI, libsecret, via
// main/app/electronSecretSealer.ts); in clear in the CLI and the headless host, which have no
// such store, and which say so where the address is set and used.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite.js';

export type SecretProtection = 'os-encrypted' | 'plain-file';

/** How a secret is kept at rest: the app's OS-backed sealer, or none. */
export interface SecretSealer {
  readonly protection: SecretProtection;
  seal(text: string): Buffer;
  unseal(sealed: Buffer): string;
}

export const plainSealer: SecretSealer = {
  protection: 'plain-file',
  seal: (text) => Buffer.from(text, 'utf8'),
  unseal: (sealed) => sealed.toString('utf8'),
};

export interface EndpointCredentials {
  username: string;
  password: string;
}

export const FEEDBACK_CREDENTIALS_FILE = 'feedback-credentials.json';

/** The address without its user name and password, and those apart (null when it has none). */
export function splitEndpointCredentials(endpoint: string): { endpoint: string; credentials: EndpointCredentials | null } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { endpoint, credentials: null };
  }
  if (!url.username && !url.password) return { endpoint, credentials: null };
  const credentials = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  return { endpoint: url.toString(), credentials };
}

interface StoredFile {
  protection: SecretProtection;
  /** base64 of what the sealer made. */
  sealed: string;
}

export class FeedbackCredentialStore {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly sealer: SecretSealer = plainSealer,
  ) {
    this.file = path.join(dataDir, FEEDBACK_CREDENTIALS_FILE);
  }

  /** How this host keeps them: said to the user wherever the address is set. */
  get protection(): SecretProtection {
    return this.sealer.protection;
  }

  async save(credentials: EndpointCredentials | null): Promise<void> {
    if (credentials === null) {
      await rm(this.file, { force: true });
      return;
    }
    const stored: StoredFile = { protection: this.sealer.protection, sealed: this.sealer.seal(JSON.stringify(credentials)).toString('base64') };
    await writeFileAtomic(this.file, `${JSON.stringify(stored, null, 2)}\n`);
  }

  /**
   * The stored credentials, or null: none stored, or sealed by the app's OS store, which this
   * host (the CLI, the headless host) cannot open; `sealedElsewhere` says which.
   */
  async load(): Promise<{ credentials: EndpointCredentials | null; sealedElsewhere: boolean }> {
    let stored: StoredFile;
    try {
      stored = JSON.parse(await readFile(this.file, 'utf8')) as StoredFile;
    } catch {
      return { credentials: null, sealedElsewhere: false };
    }
    if (stored.protection !== this.sealer.protection) return { credentials: null, sealedElsewhere: true };
    try {
      const value = JSON.parse(this.sealer.unseal(Buffer.from(stored.sealed, 'base64'))) as EndpointCredentials;
      return { credentials: typeof value.username === 'string' && typeof value.password === 'string' ? value : null, sealedElsewhere: false };
    } catch {
      return { credentials: null, sealedElsewhere: false };
    }
  }

  /** The Authorization header for the feedback POST (fetch refuses a URL with credentials in it). */
  async headers(): Promise<Record<string, string>> {
    const { credentials } = await this.load();
    if (!credentials) return {};
    return { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}` };
  }
}
