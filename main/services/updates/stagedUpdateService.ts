// The update policy over electron-updater: channels, downgrades, staged rollouts and kill
// switches. electron-updater does the feed reading, staging test, download and sha512 check;
// this class decides what it is allowed to do and turns what it reports into UpdateState.
import semver from 'semver';
import type { UpdateInfo } from 'builder-util-runtime';
import { ZkError } from '../../../common/errors.js';
import { emptyFlagsSnapshot, type FlagsClient, type FlagsSnapshot } from './flags/flagsClient.js';
import { decideOffer, isHalted } from './offerDecision.js';
import { effectiveStagingPercentage, isInRollout, readStagingId, rolloutPosition } from './stagingBucket.js';
import { updaterChannelName, type UpdateChannel } from '../../../common/updates/updateChannel.js';
import type { CheckOptions, UpdateService, UpdaterEngine } from './updateService.js';
import { updaterErrorToZkError } from './updaterError.js';
import { initialUpdateState, nextUpdateState, type RolloutStanding, type UpdateEvent, type UpdateState } from '../../../common/updates/updateState.js';

export interface StagedUpdateServiceOptions {
  engine: UpdaterEngine;
  channel: UpdateChannel;
  /** Where electron-updater keeps .updaterId: Electron's userData, or the CLI's data dir. */
  userDataDir: string;
  /** Our own team's installs, for flags aimed at the internal cohort. */
  internal?: boolean;
  flags?: FlagsClient;
  /** Download by itself after an automatic check finds an update (never when a kill switch says no). */
  autoDownload?: boolean;
  /** Whether this host can install what it downloads (default true); the headless host cannot. */
  canInstall?: boolean;
}

export class StagedUpdateService implements UpdateService {
  private current: UpdateState = initialUpdateState;
  private activeChannel: UpdateChannel;
  private readonly listeners = new Set<(state: UpdateState) => void>();
  private readonly failureListeners = new Set<(error: ZkError) => void>();
  private readonly stagingMatch: (info: UpdateInfo) => boolean | Promise<boolean>;
  private bypassStaging = false;
  /** Granted by acceptDowngrade() for the one check that follows it, and spent by that check. */
  private downgradeAccepted = false;

  constructor(private readonly options: StagedUpdateServiceOptions) {
    const engine = options.engine;
    // We decide when to download and install: a kill switch or a pending downgrade choice must be able to say no.
    engine.autoDownload = false;
    engine.autoInstallOnAppQuit = false;
    this.stagingMatch = engine.isUserWithinRollout;
    // "Get it now" skips the wait for a turn, never a halt: a release at 0 % stays stopped.
    engine.isUserWithinRollout = (info) => (this.bypassStaging ? !isHalted(info.stagingPercentage) : this.stagingMatch(info));
    this.activeChannel = options.channel;
    this.applyChannel(options.channel);
    engine.on('download-progress', (p) =>
      this.dispatch({ type: 'progress', percent: p.percent, bytesPerSecond: p.bytesPerSecond, transferred: p.transferred, total: p.total }),
    );
  }

  get state(): UpdateState {
    return this.current;
  }

  get channel(): UpdateChannel {
    return this.activeChannel;
  }

  get canInstall(): boolean {
    return this.options.canInstall ?? true;
  }

  onFailure(listener: (error: ZkError) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  subscribe(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flags(): FlagsSnapshot {
    return this.options.flags?.current() ?? emptyFlagsSnapshot;
  }

  async check(options: CheckOptions = {}): Promise<UpdateState> {
    const manual = options.manual ?? false;
    const before = this.current;
    this.dispatch({ type: 'check-started', channel: this.activeChannel, manual });
    if (this.current === before) return this.current;

    const stagingId = await readStagingId(this.options.userDataDir);
    const flags = this.options.flags
      ? await this.options.flags.refresh({ channel: this.activeChannel, internal: this.options.internal ?? false, stagingId })
      : emptyFlagsSnapshot;
    // The kill switch stops every check, a manual one and "Get it now" included: it is there for
    // a release that must not spread, and a button that walks around it would defeat it.
    if (flags.resolved.autoUpdateDisabled) {
      return this.dispatch({
        type: 'not-found',
        channel: this.activeChannel,
        currentVersion: this.currentVersion,
        latestVersion: null,
        reason: 'auto-update-disabled',
        rollout: null,
      });
    }

    // "Get it now" is a beta tester's explicit choice on a manual check; nothing else skips staging.
    const getItNow = Boolean(options.getItNow) && manual && this.activeChannel === 'beta';
    this.bypassStaging = getItNow;
    // A downgrade the user chose is allowed for this one check only; any later check (an
    // automatic one included) needs a new choice. electron-updater's download does not look at
    // allowDowngrade again, so the offer this check finds can still be downloaded.
    const allowDowngrade = this.downgradeAccepted;
    this.downgradeAccepted = false;
    this.options.engine.allowDowngrade = allowDowngrade;
    let result: Awaited<ReturnType<UpdaterEngine['checkForUpdates']>>;
    try {
      result = await this.options.engine.checkForUpdates();
    } catch (error) {
      return this.fail(error);
    } finally {
      this.bypassStaging = false;
      this.options.engine.allowDowngrade = false;
    }
    if (result === null) {
      return this.fail(new ZkError('E_INTERNAL', 'Updates are off in a build that is not packaged.'));
    }

    const info = result.updateInfo;
    const rollout = await this.rolloutStanding(info.stagingPercentage);
    if (result.isUpdateAvailable) {
      this.dispatch({
        type: 'found',
        channel: this.activeChannel,
        version: info.version,
        releaseDate: info.releaseDate ?? null,
        releaseNotes: typeof info.releaseNotes === 'string' ? info.releaseNotes : null,
        isDowngrade: semver.lt(info.version, this.currentVersion),
        rollout,
      });
      if (!manual && this.options.autoDownload) return this.download();
      return this.current;
    }
    const decision = decideOffer({
      currentVersion: this.currentVersion,
      latestVersion: info.version,
      stagingPercentage: info.stagingPercentage,
      stagingId: (await readStagingId(this.options.userDataDir)) ?? '00000000-0000-0000-0000-000000000000',
      allowDowngrade,
      bypassStaging: getItNow,
    });
    return this.dispatch({
      type: 'not-found',
      channel: this.activeChannel,
      currentVersion: this.currentVersion,
      latestVersion: info.version,
      reason: decision.offered ? 'up-to-date' : decision.reason,
      rollout,
    });
  }

  async switchChannel(channel: UpdateChannel): Promise<UpdateState> {
    this.activeChannel = channel;
    this.downgradeAccepted = false;
    this.applyChannel(channel);
    if (this.current.kind !== 'downloading' && this.current.kind !== 'checking') this.dispatch({ type: 'reset' });
    return this.check({ manual: true });
  }

  async acceptDowngrade(): Promise<UpdateState> {
    const state = this.current;
    if (state.kind !== 'not-available' || state.reason !== 'older-on-channel') {
      throw new ZkError('E_INTERNAL', 'There is no older build waiting for a choice.', { state: state.kind });
    }
    this.downgradeAccepted = true;
    return this.check({ manual: true });
  }

  async download(): Promise<UpdateState> {
    const state = this.current;
    if (state.kind !== 'available') return state;
    try {
      await this.options.engine.downloadUpdate();
    } catch (error) {
      return this.fail(error);
    }
    return this.dispatch({ type: 'downloaded', version: state.version });
  }

  installAndRestart(): void {
    if (!this.canInstall) {
      const error = new ZkError('E_UPDATE_NOT_INSTALLABLE', undefined, { host: 'headless', state: this.current.kind });
      for (const listener of this.failureListeners) listener(error);
      throw error;
    }
    if (this.current.kind !== 'downloaded') {
      throw new ZkError('E_INTERNAL', 'No downloaded update is ready to install.', { state: this.current.kind });
    }
    this.options.engine.quitAndInstall(false, true);
  }

  /** This install's place in the rollout, from the staging id electron-updater keeps. */
  async rolloutStanding(stagingPercentage?: unknown): Promise<RolloutStanding | null> {
    const stagingId = await readStagingId(this.options.userDataDir);
    if (stagingId === null) return null;
    return {
      positionPercent: rolloutPosition(stagingId) * 100,
      stagingPercentage: effectiveStagingPercentage(stagingPercentage),
      inRollout: isInRollout(stagingId, stagingPercentage),
    };
  }

  private get currentVersion(): string {
    return this.options.engine.currentVersion.version;
  }

  /** electron-updater's channel setter turns allowDowngrade on; a switch must not allow one by itself. */
  private applyChannel(channel: UpdateChannel): void {
    this.options.engine.channel = updaterChannelName(channel);
    this.options.engine.allowDowngrade = false;
  }

  private fail(error: unknown): UpdateState {
    const zk = updaterErrorToZkError(error);
    for (const listener of this.failureListeners) listener(zk);
    return this.dispatch({ type: 'failed', code: zk.code, message: zk.message });
  }

  private dispatch(event: UpdateEvent): UpdateState {
    const next = nextUpdateState(this.current, event);
    if (next !== this.current) {
      this.current = next;
      for (const listener of this.listeners) listener(next);
    }
    return this.current;
  }
}
