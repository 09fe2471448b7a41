// The composition root every host shares (the Electron app, the headless host, the CLI's
// doctor): settings first, then the prover sized from them, the circuit registry, the profile,
// calibration and the estimator, the advisor. Hosts differ only in what they pass in: the
// worker launcher, and the update service where there is one.
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { ErrorPayload } from '../../common/errors.js';
import { calibrationWorkerScript, proverWorkerScript } from '../../native-workers/workerScripts.js';
import { proofPace } from '../services/advisor/proofPace.js';
import { adviseCircuit, adviseMachine, type AdviceContext } from '../services/advisor/advise.js';
import type { Advice, CircuitAdvice } from '../../common/advisor/readiness.js';
import type { CircuitFacts } from '../../common/advisor/advisorTypes.js';
import { CalibrationService } from '../services/profiler/calibrationService.js';
import type { Calibration, EstimateBreakdown } from '../../common/profiler/calibrationTypes.js';
import { collectSystemProfile } from '../services/profiler/profileCollector.js';
import type { ChromiumGpu, SystemProfile } from '../../common/profiler/systemProfile.js';
import type { WebGpuReport } from '../services/profiler/chromiumGpuFacts.js';
import { CircuitCatalogue } from '../services/prover/circuitCatalogue.js';
import { estimateProof } from '../services/prover/estimator.js';
import { JobHistory } from '../services/prover/jobHistory.js';
import { decideMemoryCapBytes, decidePoolSize } from '../services/prover/poolSizing.js';
import { ProverService, type ProverLimits } from '../services/prover/proverService.js';
import type { CheckedCircuit, ResolvedCircuit } from '../services/prover/resolvedCircuit.js';
import type { WorkerLauncher } from '../services/prover/workerLauncher.js';
import { bundledCircuitsDir } from '../../node/resourcePaths.js';
import { SettingsStore, type Settings } from '../services/settings/settingsStore.js';
import { BundleService } from '../services/diagnostics/bundleService.js';
import type { CrashRecord } from '../services/diagnostics/crashRecords.js';
import { WorkerCrashWatch } from '../services/diagnostics/workerCrashWatch.js';
import { FeedbackOutbox } from '../services/diagnostics/feedbackOutbox.js';
import { createDiagnosticsLogger, type DiagnosticsLogger } from '../services/diagnostics/logger.js';
import { createRedactor, processRedactionContext, type Redactor } from '../services/diagnostics/redact.js';
import type { UpdateService } from '../services/updates/updateService.js';
import { openCircuitKillSwitch } from '../services/updates/flags/circuitKillSwitch.js';
import type { DataDirSource } from '../services/settings/dataDirLocation.js';

export interface ServicesOptions {
  dataDir: string;
  /** Why this data directory (--data-dir, ZKDESK_DATA_DIR, the Settings choice, the default). */
  dataDirSource?: DataDirSource;
  /** Where a Settings choice of data directory is recorded: the platform's default folder unless a test says otherwise. */
  defaultDataDir?: string;
  launcher: WorkerLauncher;
  appVersion: string;
  /** Names the log files: each process writes its own. */
  processName: 'main' | 'cli' | 'host';
  circuitsDir?: string;
  /** The circuit catalogue, when the host made it before the services (the CLI resolves its circuit meanwhile). */
  circuits?: CircuitCatalogue;
  /** The Electron app's updater; the headless host and CLI run without one unless a feed is configured. */
  updates?: UpdateService | null;
  /** Log lines also go here (the CLI's --verbose). */
  echoLog?: (line: string) => void;
  /** One-off overrides of the settings for this run (the CLI's --workers, --memory-cap, --timeout). */
  overrides?: { workerCount?: number; workerMemoryCapMb?: number | null; jobTimeoutMs?: number | null };
  /** Chromium's view of the GPU: only the Electron app can ask (main/app/electronGpuInfo.ts). */
  chromiumGpu?: (webgpu: WebGpuReport | undefined) => Promise<ChromiumGpu>;
}

/** The prover's limits from the settings, with this run's overrides on top. */
function proverLimits(s: Settings, o: ServicesOptions['overrides'] = {}): ProverLimits {
  const machine = { logicalCores: os.availableParallelism(), totalMemoryBytes: os.totalmem() };
  const pool = { workerCount: o.workerCount ?? s.workerCount, workerMemoryCapMb: o.workerMemoryCapMb !== undefined ? o.workerMemoryCapMb : s.workerMemoryCapMb };
  return {
    poolSize: decidePoolSize(machine, pool),
    memoryCapBytes: decideMemoryCapBytes(machine, pool),
    defaultTimeoutMs: o.jobTimeoutMs !== undefined ? o.jobTimeoutMs : s.jobTimeoutSec * 1000,
  };
}

/** A profile older than this is collected again before advice is given. */
const PROFILE_MAX_AGE_MS = 30_000;
/** Chromium answers getGPUInfo from its GPU process; a wedged one must not hold the profile. */
const CHROMIUM_GPU_LIMIT_MS = 1_500;

export class ZkdeskServices {
  readonly history: JobHistory;
  readonly calibration: CalibrationService;
  readonly bundles: BundleService;
  readonly feedback: FeedbackOutbox;
  readonly updates: UpdateService | null;
  private profileCache: { profile: SystemProfile; at: number; ownProofs: boolean } | null = null;
  /** One collection at a time: callers that arrive meanwhile share it. */
  private profileInFlight: Promise<SystemProfile> | null = null;
  /** A worker starting ahead of the first proof; its start-up burst must not read as "other work". */
  private warming: Promise<void> | null = null;
  private webgpu: WebGpuReport | undefined;
  /** Aborted by close(): work started in the background stops between its steps. */
  private readonly stopping = new AbortController();
  private feedbackDelivery: Promise<void> | null = null;

  private constructor(
    readonly options: ServicesOptions,
    readonly settings: SettingsStore,
    readonly settingsRecovery: ErrorPayload | null,
    readonly prover: ProverService,
    /** Bundled circuits, opened packages and bare files, with the one hash cache the prover shares. */
    readonly circuits: CircuitCatalogue,
    readonly logger: DiagnosticsLogger,
    readonly redactor: Redactor,
    private readonly crashes: WorkerCrashWatch,
  ) {
    this.history = prover.history;
    this.updates = options.updates ?? null;
    // The state the UI shows keeps only the code and the sentence; the log keeps why.
    this.updates?.onFailure((error) => logger.scope('updates').warn({ code: error.code, ...error.details }, error.message));
    this.feedback = new FeedbackOutbox({ dataDir: options.dataDir, redactor });
    this.bundles = new BundleService({
      dataDir: options.dataDir,
      redactor: () => redactor,
      app: () => ({ version: options.appVersion, channel: settings.get().updateChannel }),
      installId: () => settings.get().installId,
      sources: {
        profile: () => this.profile(),
        warnings: async () => this.adviseMachine(),
        calibration: async () => this.calibration.stored(),
        ...(this.updates ? { updateState: async () => this.updates?.state } : {}),
      },
    });
    this.watchWorkers();
    this.calibration = new CalibrationService({
      dataDir: options.dataDir,
      // Its log records are written here: the calibration service only waits for its result.
      launcher: crashes.wrap(options.launcher, { onLog: (pid, record) => logger.writeWorkerRecord(pid, record) }),
      workerScript: calibrationWorkerScript,
      prover,
      circuits,
    });
  }

  static async open(options: ServicesOptions): Promise<ZkdeskServices> {
    const settings = new SettingsStore({ dataDir: options.dataDir });
    const loaded = await settings.load();
    const s = loaded.settings;
    const redaction = processRedactionContext({ keep: [s.installId] });
    const redactor = createRedactor(redaction);
    const logger = createDiagnosticsLogger({
      dataDir: options.dataDir,
      processName: options.processName,
      maxBytes: s.logMaxBytes,
      retentionDays: s.logRetentionDays,
      level: s.logLevel,
      redaction,
      ...(options.echoLog ? { echo: options.echoLog } : {}),
    });
    for (const warning of loaded.warnings) logger.scope('settings').warn({ code: warning.code }, warning.message);
    const limits = proverLimits(s, options.overrides);
    const crashLog = logger.scope('diagnostics');
    const crashes = new WorkerCrashWatch({
      dataDir: options.dataDir,
      appVersion: options.appVersion,
      redactor: () => redactor,
      onRecorded: (record) => crashLog.warn({ pid: record.pid, signal: record.signal, exitCode: record.exitCode, jobId: record.jobId }, 'a worker exited abnormally; crash record written'),
      onError: (error) => crashLog.error({ reason: String(error) }, 'crash record could not be written'),
    });
    const circuits = options.circuits ?? new CircuitCatalogue({ circuitsDir: options.circuitsDir ?? bundledCircuitsDir(), dataDir: options.dataDir });
    const killSwitch = await openCircuitKillSwitch({
      dataDir: options.dataDir,
      install: { channel: s.updateChannel, internal: s.internalCohort },
      updates: options.updates ?? null,
    });
    const prover = new ProverService({
      killSwitch,
      hashes: circuits.hashes,
      launcher: crashes.wrap(options.launcher),
      workerScript: proverWorkerScript,
      history: new JobHistory(options.dataDir),
      ...limits,
      availableMemory: () => os.freemem(),
      onWorkerLog: (level, msg, fields) => {
        const pid = typeof fields.pid === 'number' ? fields.pid : 0;
        logger.writeWorkerRecord(pid, { level: level as 'info', msg, fields: fields as Record<string, string | number | boolean> });
      },
    });
    const services = new ZkdeskServices(options, settings, loaded.warnings[0] ?? null, prover, circuits, logger, redactor, crashes);
    // A CLI run sends only when it is asked to (`zkdesk feedback`): it should not wait on a network at exit.
    // Never rejects: a failure is logged and the feedback stays in the outbox.
    if (options.processName !== 'cli') void services.retryPendingFeedback();
    return services;
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
        const report = await this.feedback.sendAll(endpoint, { signal: this.stopping.signal });
        log.info({ sent: report.sent.length, kept: report.kept.length }, 'feedback waiting in the outbox was tried again at start');
      })
      .catch((error: unknown) => log.warn({ reason: String(error) }, 'feedback in the outbox could not be sent'));
    return this.feedbackDelivery;
  }

  /**
   * Logs every job's end. A worker that died on its own is recorded by the crash watch as it
   * exits; one main stopped for using too much memory is recorded here, with the job's limits.
   */
  private watchWorkers(): void {
    const log = this.logger.scope('prover');
    this.prover.on((event) => {
      if (event.type !== 'finished') return;
      const r = event.record;
      const fields = { jobId: r.jobId, circuitId: r.circuitId, outcome: r.outcome, errorCode: r.errorCode, totalMs: Math.round(r.timings.totalMs), peakRssBytes: r.peakRssBytes, workerPid: r.workerPid };
      if (r.outcome === 'verified') log.info(fields, 'proof verified');
      else log.warn(fields, r.errorMessage ?? 'job did not finish');
      if ((r.errorCode === 'E_WORKER_CRASHED' || r.errorCode === 'E_OUT_OF_MEMORY') && !this.crashes.hasRecorded(r.workerPid)) {
        void this.crashes.record({
          kind: 'worker-exit' as const,
          at: r.finishedAt,
          ...(r.workerPid !== null ? { pid: r.workerPid } : {}),
          jobId: r.jobId,
          circuitId: r.circuitId,
          errorCode: r.errorCode,
          message: r.errorMessage ?? '',
          appVersion: this.options.appVersion,
          details: { memoryCapBytes: r.memoryCapBytes, peakRssBytes: r.peakRssBytes },
        });
      }
    });
  }

  /** Writes a crash record (the Electron shell's gone processes); close() waits for it. */
  recordCrash(record: CrashRecord): Promise<string | null> {
    return this.crashes.record({ appVersion: this.options.appVersion, ...record });
  }

  /** Saves a settings change and applies what can be applied at once (the prover's limits). */
  async updateSettings(patch: unknown): Promise<Settings> {
    const settings = await this.settings.update(patch);
    this.prover.reconfigure(proverLimits(settings, this.options.overrides));
    this.logger.setLevel(settings.logLevel);
    return settings;
  }

  async profile(options: { fresh?: boolean } = {}): Promise<SystemProfile> {
    const cached = this.profileCache;
    if (!options.fresh && cached && Date.now() - cached.at < PROFILE_MAX_AGE_MS) return cached.profile;
    if (this.profileInFlight) return this.profileInFlight;
    this.profileInFlight = this.collectProfile().finally(() => {
      this.profileInFlight = null;
    });
    return this.profileInFlight;
  }

  private async collectProfile(): Promise<SystemProfile> {
    // The CPU load is sampled system-wide: wait for our own worker to finish starting first.
    await this.warming;
    const provingBefore = this.proving();
    const profile = await collectSystemProfile({ dataDir: this.options.dataDir });
    const ownProofs = provingBefore || this.proving();
    if (this.options.chromiumGpu) {
      // The GPU process may be gone (crashed, disabled); the profile stands without Chromium's view.
      const chromium = await Promise.race([
        this.options.chromiumGpu(this.webgpu).catch(() => undefined),
        delay(CHROMIUM_GPU_LIMIT_MS, undefined, { ref: false }),
      ]);
      if (chromium) profile.chromiumGpu = chromium;
    }
    this.profileCache = { profile, at: Date.now(), ownProofs };
    return profile;
  }

  private proving(): boolean {
    return this.prover.jobs().some((job) => job.state === 'running');
  }

  /** What the advisor needs beside the profile: our version, the channel's, and whether we were proving while it was measured. */
  private adviceContext(): AdviceContext {
    const channelLatest = this.offeredVersion();
    return {
      appVersion: this.options.appVersion,
      ...(channelLatest ? { channelLatest } : {}),
      ownProofsDuringProfile: this.profileCache?.ownProofs ?? false,
    };
  }

  /**
   * The newer build the last update check offered this install. A release it is staged out of,
   * or an older one (a channel switch), is no reason to tell the user they are behind.
   */
  private offeredVersion(): string | undefined {
    const state = this.updates?.state;
    if (state?.kind === 'available') return state.isDowngrade ? undefined : state.version;
    if (state?.kind === 'downloading' || state?.kind === 'downloaded') return state.version;
    return undefined;
  }

  /** What the renderer's WebGPU said; the next profile carries it. */
  recordWebGpu(report: WebGpuReport): void {
    this.webgpu = report;
    this.profileCache = null;
  }

  async currentCalibration(): Promise<Calibration | null> {
    return this.calibration.current((await this.profile()).fingerprint.sha256);
  }

  async runCalibration(): Promise<Calibration> {
    return this.calibration.run((await this.profile({ fresh: true })).fingerprint.sha256);
  }

  /** A package opened in this session, else a bundled circuit. */
  async resolveCircuit(id: string): Promise<ResolvedCircuit> {
    return this.circuits.resolve(id);
  }

  async estimate(circuit: CheckedCircuit): Promise<EstimateBreakdown> {
    const [calibration, history] = await Promise.all([this.currentCalibration(), this.history.read({ limit: 500 })]);
    return estimateProof(
      {
        circuitId: circuit.id,
        zkeySha256: circuit.artifacts.zkeySha256,
        constraints: circuit.manifest?.constraints ?? null,
        wires: circuit.header.nVars,
        domainPower: circuit.header.domainPower,
        publicSignals: circuit.header.nPublic,
        zkeyBytes: circuit.zkeyBytes,
      },
      calibration,
      history,
    );
  }

  private advisorSettings() {
    const s = this.settings.get();
    return { predictedTimeWarnSec: s.predictedTimeWarnSec, workerMemoryCapMb: s.workerMemoryCapMb };
  }

  async adviseMachine(): Promise<Advice> {
    return adviseMachine(await this.profile(), this.advisorSettings(), { ...this.adviceContext(), ...(await this.proofPace()) });
  }

  /** The user's recent proofs against the calibration, for the slower-than-calibration rule. */
  private async proofPace(): Promise<Pick<AdviceContext, 'proofPace'>> {
    const [calibration, history] = await Promise.all([this.currentCalibration(), this.history.read({ limit: 500 })]);
    const pace = proofPace(calibration, history);
    return pace ? { proofPace: pace } : {};
  }

  async adviseCircuit(id: string): Promise<{ circuit: CheckedCircuit; advice: CircuitAdvice; estimate: EstimateBreakdown }> {
    const circuit = await this.circuits.check(id);
    const estimate = await this.estimate(circuit);
    const facts: CircuitFacts = {
      id: circuit.id,
      title: circuit.title,
      constraints: circuit.manifest?.constraints ?? circuit.header.domainSize,
      domainPower: circuit.header.domainPower,
      wires: circuit.header.nVars,
      zkeyBytes: circuit.zkeyBytes,
    };
    const timed = estimate.model ? { totalMs: estimate.totalMs, peakMemoryBytes: estimate.peakMemoryBytes } : undefined;
    const advice = adviseCircuit(await this.profile(), facts, timed, this.advisorSettings(), { ...this.adviceContext(), ...(await this.proofPace()) });
    return { circuit, advice, estimate };
  }

  /**
   * Starts one prover worker in the background when a window opens, so the user's first proof
   * does not wait for a process and the curve's threads to start (about half a second here).
   */
  warmUp(): Promise<void> {
    if (this.warming) return this.warming;
    this.warming = (async () => {
      // Not while a profile samples the CPU load: the worker's start-up would read as a busy machine.
      await this.profileInFlight?.catch(() => undefined);
      await this.prover.warmUp(1);
    })()
      .catch((error: unknown) => this.logger.scope('prover').warn({ reason: String(error) }, 'could not start a worker ahead of the first proof'))
      .finally(() => {
        this.warming = null;
      });
    return this.warming;
  }

  async close(): Promise<void> {
    this.stopping.abort();
    await this.feedbackDelivery;
    await this.prover.close();
    // A worker that died just before the end must still leave its record.
    await this.crashes.settled();
    this.logger.close();
  }
}
