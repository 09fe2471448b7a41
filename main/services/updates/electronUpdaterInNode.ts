// electron-updater's real updater classes, running in plain Node: the way electron-builder's
// own tests drive them (test/src/helpers/TestAppAdapter.ts), with an AppAdapter that answers
// from a data directory instead of Electron's `app`, and an HTTP executor over node:http
// instead of Electron's `net`. Everything after that (feed parsing, channel files, staging,
// downloads, sha512 checks) is electron-updater's own code. Used by tests and the CLI; the
// Electron app uses electron-updater's autoUpdater instead (main/app/electronUpdater.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { DebUpdater, NsisUpdater, NoOpLogger, type AppUpdater, type Logger } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import {
  DigestTransform,
  HttpExecutor,
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions,
} from 'builder-util-runtime';
import type { UpdaterEngine } from './updateService.js';
import { signedFeedOptions } from './electronSignedFeedProvider.js';

const updaterCacheDirName = 'zkdesk-updater';

/** electron-updater's AppAdapter, answered from plain values. */
export class NodeAppAdapter implements AppAdapter {
  readonly isPackaged = true;
  constructor(
    readonly version: string,
    readonly userDataPath: string,
    readonly baseCachePath: string,
    readonly appUpdateConfigPath: string,
    readonly name = 'zkdesk',
  ) {}
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {}
  quit(): void {}
  onQuit(_handler: (exitCode: number) => void): void {}
}

type NodeRequest = http.ClientRequest;

// No keep-alive: builder-util-runtime adds a timeout listener to the socket on every request,
// and a pooled socket would collect them.
const httpAgent = new http.Agent({ keepAlive: false });
const httpsAgent = new https.Agent({ keepAlive: false });

/**
 * builder-util-runtime's HttpExecutor over node:http/https. `download` streams through the
 * same DigestTransform electron-updater's Electron executor uses, so a sha512 that does not
 * match the feed fails with ERR_CHECKSUM_MISMATCH exactly as it does in the app.
 */
export class NodeHttpExecutor extends HttpExecutor<NodeRequest> {
  createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): NodeRequest {
    const secure = options.protocol === 'https:';
    return (secure ? https.request : http.request)({ ...options, agent: secure ? httpsAgent : httpAgent }, callback);
  }

  async download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    const requestOptions: http.RequestOptions = { headers: options.headers ?? undefined };
    configureRequestUrl(url, requestOptions);
    configureRequestOptions(requestOptions);
    const response = await options.cancellationToken.createPromise<http.IncomingMessage>((resolve, reject, onCancel) => {
      const request = this.createRequest(requestOptions, resolve);
      request.on('error', reject);
      onCancel(() => request.destroy(new Error('cancelled')));
      request.end();
    });
    if ((response.statusCode ?? 0) >= 400) {
      response.resume();
      throw new Error(`Cannot download "${url.href}", status ${response.statusCode}: ${response.statusMessage}`);
    }
    const total = Number(response.headers['content-length'] ?? 0);
    let transferred = 0;
    const started = Date.now();
    response.on('data', (chunk: Buffer) => {
      transferred += chunk.length;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      options.onProgress?.({
        total,
        delta: chunk.length,
        transferred,
        percent: total > 0 ? (transferred / total) * 100 : 0,
        bytesPerSecond: Math.round(transferred / seconds),
      });
    });
    const stages: NodeJS.ReadWriteStream[] = [];
    if (options.sha512) stages.push(new DigestTransform(options.sha512, 'sha512', 'base64'));
    else if (options.sha2) stages.push(new DigestTransform(options.sha2, 'sha256', 'hex'));
    await pipeline([response, ...stages, createWriteStream(destination)]);
    return destination;
  }
}

export interface NodeUpdaterOptions {
  /** The installed app's version. */
  version: string;
  feedUrl: string;
  /** Feed public keys (PEM): channel files signed by none of them are refused (E_FEED_SIGNATURE). */
  trustedFeedKeysPem: readonly string[];
  /** Holds .updaterId (the staging id), as Electron's userData does. */
  userDataDir: string;
  /** Downloads land in <cacheDir>/zkdesk-updater/pending. */
  cacheDir: string;
  /** Which platform's channel files to read: linux (deb) or win32 (NSIS), whatever this host is. */
  platform?: 'linux' | 'win32';
  logger?: Logger;
}

export type NodeUpdater = AppUpdater & UpdaterEngine;

export function createNodeUpdater(options: NodeUpdaterOptions): NodeUpdater {
  mkdirSync(options.userDataDir, { recursive: true });
  mkdirSync(options.cacheDir, { recursive: true });
  // The app-update.yml electron-builder bakes into resources/; the updater reads it for the
  // feed and for the name of its download cache.
  const configPath = path.join(options.cacheDir, 'app-update.yml');
  writeFileSync(
    configPath,
    `provider: generic\nurl: ${JSON.stringify(options.feedUrl)}\nupdaterCacheDirName: ${updaterCacheDirName}\n`,
  );
  const adapter = new NodeAppAdapter(options.version, options.userDataDir, options.cacheDir, configPath);
  const platform = options.platform ?? 'linux';
  const updater = platform === 'win32' ? new NsisUpdater(null, adapter) : new DebUpdater(null, adapter);
  const internals = updater as unknown as { httpExecutor: HttpExecutor<NodeRequest>; _testOnlyOptions: unknown };
  internals.httpExecutor = new NodeHttpExecutor();
  updater.setFeedURL(signedFeedOptions(options.feedUrl, options.trustedFeedKeysPem));
  if (platform !== process.platform) {
    // The hook electron-builder's tests use to read another platform's channel files.
    internals._testOnlyOptions = { platform, isUseDifferentialDownload: false };
  }
  updater.disableDifferentialDownload = true;
  updater.logger = options.logger ?? new NoOpLogger();
  const engine: UpdaterEngine = updater;
  void engine;
  return updater;
}
