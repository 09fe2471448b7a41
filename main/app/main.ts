// The Electron app: composition only. Services are built by the shared composition root with
// Electron's worker launcher and updater; the window, IPC bridge, menu and security guards
// come from their own files here.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import yaml from 'js-yaml';
import { ZkdeskApi } from '../api/apiHandlers.js';
import { ZkdeskServices } from '../api/zkdeskServices.js';
import { goneProcessRecord } from '../services/diagnostics/crashRecords.js';
import { loadHelpArticles } from '../services/help/helpLoader.js';
import { projectRoot } from '../../node/resourcePaths.js';
import { readTrustedKeys } from '../services/updates/keys/trustedKeys.js';
import { readUpdateIdentity } from '../services/updates/updateIdentity.js';
import { registerAppScheme, serveRenderer } from './appProtocol.js';
import { APP_URL } from './appUrl.js';
import { denyAllPermissions, guardAllWebContents } from './appSecurity.js';
import { installAppMenu } from './appMenu.js';
import { startLocalCrashReporter } from './electronCrashReporter.js';
import { createElectronUpdateService } from './electronUpdater.js';
import { electronHostCapabilities } from './electronHost.js';
import { electronSecretSealer } from './electronSecretSealer.js';
import { readChromiumGpu } from './electronGpuInfo.js';
import { ElectronWorkerLauncher } from './electronWorkerLauncher.js';
import { wireIpc } from './ipcBridge.js';
import { createMainWindow } from './mainWindow.js';
import { followProofsOnDesktop, holdSingleInstance, initialBounds, rememberWindowBounds } from './desktopIntegration.js';
import { readWindowState } from './windowBounds.js';
import { resolveDataDir, type DataDirSource } from '../services/settings/dataDirLocation.js';

// Packaged: circuits/ and help/ beside the asar (electron-builder.yml extraResources). From a checkout: the repo.
const resources = app.isPackaged ? process.resourcesPath : path.join(projectRoot(), 'resources');
// A packaged app uses its own resources whatever the environment says: the keys it trusts live there.
if (app.isPackaged) process.env.ZKDESK_RESOURCES_DIR = resources;
else process.env.ZKDESK_RESOURCES_DIR ??= resources;
const rendererDir = path.join(projectRoot(), 'renderer', 'dist');
const preloadScript = path.join(projectRoot(), 'dist', 'preload', 'preload.cjs');
registerAppScheme();

/**
 * The update feed: ZKDESK_UPDATE_URL (a tester pointing an installed build at another feed, or a
 * local `release serve`), else the URL electron-builder wrote into app-update.yml. Any URL is safe:
 * only channel files signed with a feed key this build ships are read.
 */
function feedUrl(): string | null {
  if (process.env.ZKDESK_UPDATE_URL) return process.env.ZKDESK_UPDATE_URL;
  const file = path.join(process.resourcesPath, 'app-update.yml');
  if (!existsSync(file)) return null;
  const config = yaml.load(readFileSync(file, 'utf8')) as { url?: unknown } | null;
  return typeof config?.url === 'string' ? config.url : null;
}

/** The public keys shipped in resources/keys (what `release flags|feed keygen` write; see resources/keys/README.md). */
function trustedKeys(purpose: 'flags' | 'feed'): string[] {
  return readTrustedKeys(path.join(resources, 'keys'), purpose).pems;
}

/** `--data-dir <dir>`, ZKDESK_DATA_DIR, the folder chosen in Settings, else Electron's userData folder, as for the CLI. */
function chosenDataDir(): { dir: string; source: DataDirSource; defaultDir: string } {
  const defaultDir = app.getPath('userData');
  const { dir, source } = resolveDataDir({ flag: app.commandLine.getSwitchValue('data-dir'), env: process.env.ZKDESK_DATA_DIR, defaultDir });
  if (source !== 'default') app.setPath('userData', dir);
  return { dir: app.getPath('userData'), source, defaultDir };
}

async function start(): Promise<void> {
  const { dir: dataDir, source: dataDirSource, defaultDir } = chosenDataDir();
  const dataDirChosen = dataDirSource === 'flag' || dataDirSource === 'env';
  startLocalCrashReporter(dataDir, { appVersion: app.getVersion() });
  guardAllWebContents();
  await app.whenReady();
  denyAllPermissions();
  serveRenderer(rendererDir);

  const url = feedUrl();
  // The updater needs the channel and cohort before the services exist; a damaged settings file reads as stable here and is repaired by open().
  const { channel, internal } = await readUpdateIdentity(dataDir);
  const updates = url ? createElectronUpdateService({ channel, internal, feedUrl: url, trustedFlagKeysPem: trustedKeys('flags'), trustedFeedKeysPem: trustedKeys('feed') }) : null;
  const services = await ZkdeskServices.open({
    dataDir,
    dataDirSource,
    defaultDataDir: defaultDir,
    launcher: new ElectronWorkerLauncher(),
    appVersion: app.getVersion(),
    processName: 'main',
    secretSealer: electronSecretSealer(),
    updates,
    feedUrl: url,
    chromiumGpu: (webgpu) => readChromiumGpu(app, webgpu),
  });

  let mainWindow: BrowserWindow | null = null;
  const api = new ZkdeskApi(
    services,
    electronHostCapabilities({
      // A data directory chosen at start (support sessions, tests) keeps everything inside it, as `zkdesk serve` does.
      bundleDir: () => (dataDirChosen ? path.join(dataDir, 'bundles') : app.getPath('downloads')),
      helpArticles: () => loadHelpArticles(path.join(resources, 'help')),
      window: () => mainWindow,
    }),
  );
  const unwire = wireIpc(api, () => BrowserWindow.getAllWindows());
  const { bounds, maximized } = initialBounds(await readWindowState(dataDir));
  mainWindow = createMainWindow({ url: APP_URL, preloadScript, bounds, maximized });
  rememberWindowBounds(mainWindow, dataDir, (error) => services.logger.scope('main').warn({ reason: String(error) }, 'could not remember the window place'));
  const unfollow = followProofsOnDesktop(services.prover, () => mainWindow);
  void services.warmUp();
  installAppMenu(() => mainWindow, { checkForUpdates: () => void updates?.check({ manual: true }) });
  if (updates) void updates.check({ manual: false });

  // A crashed renderer, GPU or other child leaves a redacted record beside the crashReporter's minidump.
  app.on('child-process-gone', (_event, details) => {
    const record = goneProcessRecord('child-process-gone', details);
    if (record) void services.recordCrash(record);
  });
  app.on('render-process-gone', (_event, _contents, details) => {
    const record = goneProcessRecord('renderer-gone', details);
    if (record) void services.recordCrash(record);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    unfollow();
    unwire();
    void services.close();
  });
}

// A second launch (a double-click on the icon again) brings this window forward instead of a second app on the same data.
if (holdSingleInstance(() => BrowserWindow.getAllWindows()[0] ?? null)) void start();
