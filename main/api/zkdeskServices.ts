// The composition root every host shares (the Electron app, the headless host, the CLI's
// doctor): the prover core (proverCore.ts: settings, logs, crash watch, kill switch, the prover
// sized from the settings, the circuit catalogue), then the profile, calibration and the
// estimates, the advisor, bundles, feedback and health. It constructs and wires; the rules live in the
// services. Hosts differ only in what they pass in: the worker launcher, and the update service
// where there is one.
import { splitEndpointCredentials, type FeedbackCredentialStore } from '../services/settings/feedbackCredentials.js';
import type { ErrorPayload } from '../../common/errors.js';
import { calibrationWorkerScript } from '../../native-workers/workerScripts.js';
import { AdvisorService } from '../services/advisor/advisorService.js';
import { CalibrationService } from '../services/profiler/calibrationService.js';
import type { Calibration } from '../../common/profiler/calibrationTypes.js';
import { ProfileService } from '../services/profiler/profileService.js';
import type { ChromiumGpu } from '../../common/profiler/systemProfile.js';
import type { WebGpuReport } from '../services/profiler/chromiumGpuFacts.js';
import type { CircuitCatalogue } from '../services/prover/circuitCatalogue.js';
import { ProofEstimates } from '../services/prover/proofEstimates.js';
import type { JobHistory } from '../services/prover/jobHistory.js';
import type { ProverLimitsDecision } from '../services/prover/poolSizing.js';
import type { ProverService } from '../services/prover/proverService.js';
import type { ResolvedCircuit } from '../services/prover/resolvedCircuit.js';
import { bundledCircuitsDir, circuitBuilderScript } from '../../node/resourcePaths.js';
import { CircuitBuilds } from '../services/prover/circuitBuilds.js';
import type { SettingsStore, Settings } from '../services/settings/settingsStore.js';
import { BundleService } from '../services/diagnostics/bundleService.js';
import type { CrashRecord } from '../services/diagnostics/crashRecords.js';
import type { WorkerCrashWatch } from '../services/diagnostics/workerCrashWatch.js';
import { FeedbackOutbox } from '../services/diagnostics/feedbackOutbox.js';
import { HealthReporter } from '../services/health/healthReporter.js';
import { healthEndpointForFeed } from '../services/health/healthEndpoint.js';
import type { DiagnosticsLogger } from '../services/diagnostics/logger.js';
import type { Redactor } from '../services/diagnostics/redact.js';
import type { UpdateService } from '../services/updates/updateService.js';
import type { DataDirSource } from '../services/settings/dataDirLocation.js';
import { ProverCore, proverLimits, type ProverCoreOptions } from './proverCore.js';

/** The prover core's options (launcher, version, process name, circuits, sealer, updater, overrides) and the rest of the app's. */
export interface ServicesOptions extends ProverCoreOptions {
  dataDir: string;
  /** Why this data directory (--data-dir, ZKDESK_DATA_DIR, the Settings choice, the default). */
  dataDirSource?: DataDirSource;
  /** Where a Settings choice of data directory is recorded: the platform's default folder unless a test says otherwise. */
  defaultDataDir?: string;
  /** After a proof, at most one health report per this many ms (60 s by default; tests use 0). */
  healthProofIntervalMs?: number;
  /**
   * The update feed this install uses (app-update.yml, ZKDESK_UPDATE_URL, serve --update-feed):
   * health reports go to its …/v1/health-reports unless the user set an address of their own.
   */
  feedUrl?: string | null;
  /** Chromium's view of the GPU: only the Electron app can ask (main/app/electronGpuInfo.ts). */
  chromiumGpu?: (webgpu: WebGpuReport | undefined) => Promise<ChromiumGpu>;
}

/** How long a bundle waits for profile sections still being asked (the full retry takes up to 45 s). */
const BUNDLE_PROFILE_WAIT_MS = 20_000;

export class ZkdeskServices {
  readonly history: JobHistory;
  readonly calibration: CalibrationService;
  readonly bundles: BundleService;
  readonly feedback: FeedbackOutbox;
  readonly feedbackCredentials: FeedbackCredentialStore;
  readonly health: HealthReporter;
  readonly updates: UpdateService | null;
  /** The machine's profile, cached for a while; Chromium's GPU view added in the app. */
  readonly profiles: ProfileService;
  readonly estimates: ProofEstimates;
  readonly advisor: AdvisorService;
  /** Builds of bundled circuits this install lists unbuilt (from the app, where it can). */
  readonly circuitBuilds: CircuitBuilds;
  /** A worker starting ahead of the first proof. */
  private warming: Promise<void> | null = null;
  /** Aborted by close(): work started in the background stops between its steps. */
  private readonly stopping = new AbortController();
  private feedbackDelivery: Promise<void> | null = null;
  /** The cap asked for was below the minimum and raised (logged at start; the CLI says so too). */
  memoryCapRaised: ProverLimitsDecision['capRaised'] = null;
  /** The latest health report queued and sent in the background; close() waits for it. */
  private healthDelivery: Promise<void> = Promise.resolve();

  readonly settings: SettingsStore;
  /** A damaged settings file that was moved aside and replaced, if it was. */
  readonly settingsRecovery: ErrorPayload | null;
  readonly prover: ProverService;
  /** Bundled circuits, opened packages and bare files, with the one hash cache the prover shares. */
  readonly circuits: CircuitCatalogue;
  readonly logger: DiagnosticsLogger;
  readonly redactor: Redactor;
  private readonly crashes: WorkerCrashWatch;

  private constructor(
    readonly options: ServicesOptions,
    private readonly core: ProverCore,
  ) {
    const { settings, prover, circuits, logger, redactor } = core;
    this.settings = settings;
    this.settingsRecovery = core.settingsRecovery;
    this.prover = prover;
    this.circuits = circuits;
    this.logger = logger;
    this.redactor = redactor;
    this.crashes = core.crashes;
    this.feedbackCredentials = core.feedbackCredentials;
    this.memoryCapRaised = core.memoryCapRaised;
    this.history = prover.history;
    this.updates = options.updates ?? null;
    this.profiles = new ProfileService({
      dataDir: options.dataDir,
      proving: () => prover.jobs().some((job) => job.state === 'running'),
      // The runtime section's prover is the one the workers use, as a worker says.
      workerBackend: () => prover.backend.current(),
      onLateSection: (section, status) => logger.scope('profile').info({ section, status }, 'a late profile section answered'),
      ...(options.chromiumGpu ? { chromiumGpu: options.chromiumGpu } : {}),
    });
    // The state the UI shows keeps only the code and the sentence; the log keeps why.
    this.updates?.onFailure((error) => logger.scope('updates').warn({ code: error.code, ...error.details }, error.message));
    this.feedback = new FeedbackOutbox({ dataDir: options.dataDir, redactor });
    this.health = new HealthReporter({
      dataDir: options.dataDir,
      outbox: this.feedback,
      history: () => this.history.read(),
      appVersion: options.appVersion,
      settings: () => settings.get(),
      feedEndpoint: healthEndpointForFeed(options.feedUrl),
      ...(options.healthProofIntervalMs !== undefined ? { minProofIntervalMs: options.healthProofIntervalMs } : {}),
    });
    this.bundles = new BundleService({
      dataDir: options.dataDir,
      redactor: () => redactor,
      app: () => ({ version: options.appVersion, channel: settings.get().updateChannel }),
      installId: () => settings.get().installId,
      sources: {
        // A bundle is read later by someone who cannot measure the machine again: give sections still being asked a little longer.
        profile: () => this.profiles.settled(BUNDLE_PROFILE_WAIT_MS),
        warnings: () => this.advisor.machine(),
        calibration: async () => this.calibration.stored(),
        ...(this.updates ? { updateState: async () => this.updates?.state } : {}),
      },
    });
    this.circuitBuilds = new CircuitBuilds({ circuitsDir: options.circuitsDir ?? bundledCircuitsDir(), builderScript: circuitBuilderScript() });
    this.circuitBuilds.on((build) => {
      const log = logger.scope('circuits');
      if (build.state === 'built') log.info({ circuit: build.circuitId }, 'circuit built');
      else if (build.state === 'failed') log.warn({ circuit: build.circuitId, code: build.error?.code }, build.error?.message ?? 'circuit build failed');
      else if (build.state === 'cancelled') log.info({ circuit: build.circuitId }, 'circuit build stopped by the user');
    });
    this.sendHealthAfterProofs();
    this.calibration = new CalibrationService({
      dataDir: options.dataDir,
      // Its log records are written here: the calibration service only waits for its result.
      launcher: this.crashes.wrap(options.launcher, { onLog: (pid, record) => logger.writeWorkerRecord(pid, record) }),
      workerScript: calibrationWorkerScript,
      prover,
      circuits,
    });
    this.estimates = new ProofEstimates({
      calibration: () => this.currentCalibration(),
      history: this.history,
      circuits,
      backend: async () => (await prover.backend.current()).backend,
    });
    this.advisor = new AdvisorService({
      appVersion: options.appVersion,
      profiles: this.profiles,
      circuits,
      estimates: this.estimates,
      calibration: () => this.currentCalibration(),
      history: this.history,
      settings: () => settings.get(),
      updateState: () => this.updates?.state,
    });
  }

  static async open(options: ServicesOptions): Promise<ZkdeskServices> {
    const services = new ZkdeskServices(options, await ProverCore.open(options));
    // A CLI run sends only when it is asked to (`zkdesk feedback`): it should not wait on a network at exit.
    if (options.processName !== 'cli') {
      // Neither rejects: a failure is logged and what could not be sent stays in the outbox.
      void services.retryPendingFeedback();
      void services.deliverHealth('start');
    }
    return services;
  }

  /** Sends what waits in the outbox to the configured address, with its credentials. */
  async sendFeedback(options: { attempts?: number } = {}): Promise<{ sent: string[]; kept: { id: string; error: string }[] } | null> {
    const endpoint = this.settings.get().feedbackEndpoint;
    if (!endpoint) return null;
    return this.feedback.sendAll(endpoint, { ...options, signal: this.stopping.signal, headers: await this.feedbackCredentials.headers() });
  }

  /**
   * Feedback a previous run could not deliver is sent again in the background when the app or
   * the host starts: the outbox's promise that nothing is lost. Failures stay in the outbox.
   */
  retryPendingFeedback(): Promise<void> {
    const endpoint = this.settings.get().feedbackEndpoint;
    if (!endpoint || this.feedbackDelivery) return this.feedbackDelivery ?? Promise.resolve();
    const log = this.logger.scope('diagnostics');
    this.feedbackDelivery = this.feedback
      .pending()
      .then(async (pending) => {
        if (pending.length === 0) return;
        const report = await this.feedback.sendAll(endpoint, { signal: this.stopping.signal, headers: await this.feedbackCredentials.headers() });
        log.info({ sent: report.sent.length, kept: report.kept.length }, 'feedback waiting in the outbox was tried again at start');
      })
      .catch((error: unknown) => log.warn({ reason: String(error) }, 'feedback in the outbox could not be sent'));
    return this.feedbackDelivery;
  }

  /**
   * Queues a health report (when the user agreed) and sends what the outbox holds, in the
   * background: a report that cannot be sent now waits there for the next start. `waiting`
   * queues nothing new: it sends what waits (the user has just given a report address).
   */
  deliverHealth(reason: 'start' | 'proof' | 'waiting'): Promise<void> {
    const log = this.logger.scope('diagnostics');
    this.healthDelivery = this.healthDelivery
      .then(async () => {
        if (!this.health.enabled()) return;
        if (reason === 'start') await this.health.reportAtStart();
        else if (reason === 'proof') await this.health.reportAfterProof();
        const sent = await this.health.send({ signal: this.stopping.signal, attempts: 2 });
        if (sent.sent.length > 0 || sent.kept.length > 0) log.info({ sent: sent.sent.length, kept: sent.kept.length }, 'health reports delivered');
      })
      .catch((error: unknown) => log.warn({ reason: String(error) }, 'a health report could not be queued or sent'));
    return this.healthDelivery;
  }

  /** After each proof (not in a CLI run), a health report when the user agreed: ProverCore logs the job itself. */
  private sendHealthAfterProofs(): void {
    if (this.options.processName === 'cli') return;
    this.prover.on((event) => {
      if (event.type === 'finished' && event.record.outcome !== 'cancelled') void this.deliverHealth('proof');
    });
  }

  /** Writes a crash record (the Electron shell's gone processes); close() waits for it. */
  recordCrash(record: CrashRecord): Promise<string | null> {
    return this.crashes.record({ appVersion: this.options.appVersion, ...record });
  }

  /** Saves a settings change and applies what can be applied at once (the prover's limits). */
  async updateSettings(patch: unknown): Promise<Settings> {
    const { healthReports: before, healthEndpoint: addressBefore } = this.settings.get();
    const settings = await this.settings.update(await this.withoutEndpointCredentials(patch));
    if (before === 'on' && settings.healthReports !== 'on') await this.health.discardQueued();
    if (this.options.processName !== 'cli') {
      if (before !== 'on' && settings.healthReports === 'on') void this.deliverHealth('start');
      // A new report address: what waits goes now rather than at the next start or proof.
      else if (settings.healthReports === 'on' && settings.healthEndpoint !== addressBefore) void this.deliverHealth('waiting');
    }
    this.prover.reconfigure(proverLimits(settings, this.options.overrides).limits);
    this.logger.setLevel(settings.logLevel);
    return settings;
  }

  /** A user name and password in a new feedback address are stored apart; settings get the bare address. */
  private async withoutEndpointCredentials(patch: unknown): Promise<unknown> {
    if (typeof patch !== 'object' || patch === null || !('feedbackEndpoint' in patch)) return patch;
    const given = (patch as { feedbackEndpoint: unknown }).feedbackEndpoint;
    if (given === null) {
      await this.feedbackCredentials.save(null);
      return patch;
    }
    if (typeof given !== 'string') return patch;
    const { endpoint, credentials } = splitEndpointCredentials(given);
    if (credentials === null) return patch;
    await this.feedbackCredentials.save(credentials);
    return { ...patch, feedbackEndpoint: endpoint };
  }

  /** This machine's calibration, if it has one (the fingerprint comes from the profile, once complete). */
  async currentCalibration(): Promise<Calibration | null> {
    // None stored: no fingerprint can match, so none is measured (a cold `zkdesk prove` would wait for the profile).
    if (!(await this.calibration.stored())) return null;
    return this.calibration.current((await this.profiles.fingerprint()).sha256);
  }

  /** Calibrates again, on a freshly collected profile's fingerprint. */
  async runCalibration(): Promise<Calibration> {
    return this.calibration.run((await this.profiles.fingerprinted({ fresh: true })).fingerprint.sha256);
  }

  /** A package opened in this session, else a bundled circuit. */
  async resolveCircuit(id: string): Promise<ResolvedCircuit> {
    return this.circuits.resolve(id);
  }

  /**
   * Starts one prover worker in the background when a window opens, so the user's first proof
   * does not wait for a process and the curve's threads to start (about half a second here).
   */
  warmUp(): Promise<void> {
    if (this.warming) return this.warming;
    // Not while a profile samples the CPU load: the worker's start-up would read as a busy machine.
    this.warming = this.profiles
      .outsideSampling(() => this.prover.warmUp(1))
      .catch((error: unknown) => this.logger.scope('prover').warn({ reason: String(error) }, 'could not start a worker ahead of the first proof'))
      .finally(() => {
        this.warming = null;
      });
    return this.warming;
  }

  async close(): Promise<void> {
    this.stopping.abort();
    this.circuitBuilds.close();
    await this.feedbackDelivery;
    await this.healthDelivery;
    await this.core.close();
  }
}
