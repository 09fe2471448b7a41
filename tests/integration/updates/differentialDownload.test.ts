// Delta updates end to end: electron-builder's own block maps (app-builder-lib's buildBlockMap)
// beside two installers, published by `release feed build`, served by `release serve`'s server,
// and the new installer rebuilt from the old one by electron-updater's own
// GenericDifferentialDownloader, which fetches only the blocks that changed.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { CancellationToken, type BlockMapDataHolder } from 'builder-util-runtime';
// eslint-disable-next-line no-restricted-imports -- the test drives electron-updater's own downloader, as its adapters do in the app
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader.js';
import type { BlockMap } from 'builder-util-runtime/out/blockMapApi.js';
import { NodeHttpExecutor } from '../../../main/services/updates/electronUpdaterInNode.js';
import { buildFeed } from '../../../main/services/updates/release/feedBuild.js';
import { startFeedServer, type ServedRequest } from '../../../main/services/updates/release/feedServer.js';
import { sha512Base64 } from '../../../main/services/updates/release/artifactScan.js';
import { devSigner, tempDir } from './feedFixture.js';

const require = createRequire(import.meta.url);
const { buildBlockMap } = require('app-builder-lib/out/targets/blockmap/blockmap.js') as {
  buildBlockMap(inFile: string, format: 'gzip', outFile: string): Promise<BlockMapDataHolder>;
};

/** An installer of `version` from `body`, with the .blockmap electron-builder writes beside an NSIS installer. */
async function installer(dir: string, version: string, body: Buffer): Promise<string> {
  const out = path.join(dir, `artifacts-${version}`);
  await mkdir(out, { recursive: true });
  const file = path.join(out, `zkdesk-${version}-win-x64.exe`);
  await writeFile(file, body);
  await buildBlockMap(file, 'gzip', `${file}.blockmap`);
  return out;
}

describe('differential download', () => {
  it('rebuilds the new installer from the old one, fetching only the changed blocks from the feed', async () => {
    const dir = await tempDir('delta');
    const feedDir = path.join(dir, 'feed');
    const old = randomBytes(2 * 1024 * 1024);
    const next = Buffer.from(old);
    randomBytes(16 * 1024).copy(next, 1024 * 1024); // 16 KiB changed in the middle of 2 MiB
    await buildFeed({ signer: devSigner, artifactsDir: await installer(dir, '1.0.0', old), feedDir, channel: 'stable', version: '1.0.0' });
    await buildFeed({ signer: devSigner, artifactsDir: await installer(dir, '1.1.0', next), feedDir, channel: 'stable', version: '1.1.0' });

    const served: ServedRequest[] = [];
    const server = await startFeedServer({ dir: feedDir, onServed: (r) => served.push(r) });
    try {
      const channel = yaml.load(await readFile(path.join(feedDir, 'latest.yml'), 'utf8')) as { files: { url: string; sha512: string; size: number }[] };
      const entry = channel.files[0]!;
      expect(entry.url).toBe('zkdesk-1.1.0-win-x64.exe');
      const executor = new NodeHttpExecutor();
      const token = new CancellationToken();
      const blockMap = async (name: string) =>
        JSON.parse(gunzipSync((await executor.downloadToBuffer(new URL(name, server.url), { headers: null, cancellationToken: token })) as Buffer).toString()) as BlockMap;
      // What electron-updater keeps of the installed version: its installer, in the updater's cache.
      const installed = path.join(dir, 'installed.exe');
      await copyFile(path.join(dir, 'artifacts-1.0.0', 'zkdesk-1.0.0-win-x64.exe'), installed);
      const rebuilt = path.join(dir, 'rebuilt.exe');
      const logged: string[] = [];
      const logger = { info: (m: unknown) => logged.push(String(m)), warn: (m: unknown) => logged.push(String(m)), error: (m: unknown) => logged.push(String(m)) };
      await new GenericDifferentialDownloader({ sha512: entry.sha512, size: entry.size }, executor, {
        oldFile: installed,
        newUrl: new URL(entry.url, server.url),
        newFile: rebuilt,
        logger,
        requestHeaders: null,
        isUseMultipleRangeRequest: false,
        cancellationToken: token,
      }).download(await blockMap('zkdesk-1.0.0-win-x64.exe.blockmap'), await blockMap('zkdesk-1.1.0-win-x64.exe.blockmap'));

      expect(await sha512Base64(rebuilt)).toBe(entry.sha512);
      const installerBytes = served.filter((r) => r.path.startsWith('/zkdesk-1.1.0-win-x64.exe') && !r.path.endsWith('.blockmap'));
      expect(installerBytes.length).toBeGreaterThan(0);
      expect(installerBytes.every((r) => r.status === 206)).toBe(true);
      const fetched = installerBytes.reduce((sum, r) => sum + r.bytes, 0);
      // Content-defined blocks around a 16 KiB change: far below the 2 MiB a full download takes.
      expect(fetched).toBeLessThan(next.length / 4);
    } finally {
      await server.close();
    }
  });
});
