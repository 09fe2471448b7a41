// What the rest of the app sees of updates: one interface, whatever drives it. The Electron
// app drives it with electron-updater's autoUpdater (main/app/electronUpdater.ts), tests and
// the CLI with the same electron-updater classes over a plain-Node adapter
// (electronUpdaterInNode.ts). Both go through StagedUpdateService, so the policy (channels,
// downgrades, staging, kill switches) is written and tested once.
import type { ProgressInfo, UpdateInfo } from 'builder-util-runtime';
import type { ZkError } from '../../../common/errors.js';
import type { UpdateChannel } from '../../../common/updates/updateChannel.js';
import type { RolloutStanding, UpdateState } from '../../../common/updates/updateState.js';
import type { FlagsSnapshot } from './flags/flagsClient.js';

export interface CheckOptions {
  /** The user pressed "check now"; automatic checks pass false. */
  manual?: boolean;
  /** A beta tester's "get it now": skips the wait for a staged rollout, on a manual beta check only; never a halt (0 %). */
  getItNow?: boolean;
}

export interface UpdateService {
  readonly state: UpdateState;
  readonly channel: UpdateChannel;
  /** False where a download cannot be installed (the headless host): the UI says so instead of offering a restart. */
  readonly canInstall: boolean;
  subscribe(listener: (state: UpdateState) => void): () => void;
  /** Every failure, with its details, for the log: the state keeps only the code and the sentence. */
  onFailure(listener: (error: ZkError) => void): () => void;
  check(options?: CheckOptions): Promise<UpdateState>;
  /** Switches channel and checks it; never installs an older build without acceptDowngrade(). */
  switchChannel(channel: UpdateChannel): Promise<UpdateState>;
  /** After a switch found an older build on the new channel: offer it now, as the user chose (for that one check). */
  acceptDowngrade(): Promise<UpdateState>;
  download(): Promise<UpdateState>;
  installAndRestart(): void;
  rolloutStanding(stagingPercentage?: unknown): Promise<RolloutStanding | null>;
  flags(): FlagsSnapshot;
}

/**
 * The part of electron-updater's AppUpdater the service uses. Written out so the service
 * imports no electron-updater (the lint keeps that to adapters); AppUpdater satisfies it,
 * which the two adapters check at compile time.
 */
export interface UpdaterEngine {
  readonly currentVersion: { readonly version: string };
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  isUserWithinRollout: (info: UpdateInfo) => boolean | Promise<boolean>;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: UpdateInfo } | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (progress: ProgressInfo) => void): unknown;
}
