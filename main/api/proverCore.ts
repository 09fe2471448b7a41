// The part of the composition root that proving needs: settings, the log and its redaction, the
// crash watch, the circuit kill switch, and the prover with its job history. ZkdeskServices (the
// app, the headless host, doctor, calibrate) opens it and builds the rest on it; `zkdesk prove`
// opens it alone, so a cold command does not first load the profiler, the advisor, the bundle,
// health and feedback services that it never calls. Either way a proof goes through the same
// settings, limits, kill switch, logs, crash records and history.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import type { ErrorPayload } from '../../common/errors.js';
import { backendProbeScript, proverWorkerScript } from '../../native-workers/workerScripts.js';
import { CircuitCatalogue } from '../services/prover/circuitCatalogue.js';
import { JobHistory } from '../services/prover/jobHistory.js';
import { decideProverLimits, type ProverLimitsDecision, type ProverOverrides } from '../services/prover/poolSizing.js';
import { ProverService } from '../services/prover/proverService.js';
import type { WorkerLauncher } from '../services/prover/workerLauncher.js';
import { bundledCircuitsDir } from '../../node/resourcePaths.js';
import { SettingsStore, type Settings } from '../services/settings/settingsStore.js';
import { FeedbackCredentialStore, splitEndpointCredentials, type SecretSealer } from '../services/settings/feedbackCredentials.js';
import { WorkerCrashWatch } from '../services/diagnostics/workerCrashWatch.js';
import { createDiagnosticsLogger, type DiagnosticsLogger } from '../services/diagnostics/logger.js';
import { createRedactor, processRedactionContext, type Redactor } from '../services/diagnostics/redact.js';
import type { UpdateService } from '../services/updates/updateService.js';
import { openCircuitKillSwitch } from '../services/updates/flags/circuitKillSwitch.js';

export interface ProverCoreOptions {
  dataDir: string;
  launcher: WorkerLauncher;
  appVersion: string;
  /** Names the log files: each process writes its own. */
  processName: 'main' | 'cli' | 'host';
  circuitsDir?: string;
  /** How secrets are kept at rest: the app passes its OS-backed sealer; elsewhere they are kept in clear (and the UI says so). */
  secretSealer?: SecretSealer;
  /** The circuit catalogue, when the host made it first (the CLI resolves its circuit meanwhile). */
  circuits?: CircuitCatalogue;
  /** The Electron app's updater: its fetched flags win over the held copy for the kill switch. */
  updates?: UpdateService | null;
  /** Log lines also go here (the CLI's --verbose). */
  echoLog?: (line: string) => void;
  /** One-off overrides of the settings for this run (the CLI's --workers, --memory-cap, --timeout). */
  overrides?: ProverOverrides;
}

/** The prover's limits for this machine from the settings and this run's overrides (and whether the cap asked for was raised). */
export function proverLimits(settings: Settings, overrides: ProverOverrides | undefined): ProverLimitsDecision {
  return decideProverLimits({ logicalCores: os.availableParallelism(), totalMemoryBytes: os.totalmem() }, settings, overrides);
}

export class ProverCore {
  /** The cap asked for was below the minimum and raised (logged at start; the CLI says so too). */
  memoryCapRaised: ProverLimitsDecision['capRaised'] = null;

  private constructor(
    readonly options: ProverCoreOptions,
    readonly settings: SettingsStore,
    /** A damaged settings file that was moved aside and replaced, if it was. */
    readonly settingsRecovery: ErrorPayload | null,
    readonly prover: ProverService,
    /** Bundled circuits, opened packages and bare files, with the one hash cache the prover shares. */
    readonly circuits: CircuitCatalogue,
    readonly logger: DiagnosticsLogger,
    readonly redactor: Redactor,
    readonly crashes: WorkerCrashWatch,
    readonly feedbackCredentials: FeedbackCredentialStore,
  ) {
    this.watchJobs();
  }

  static async open(options: ProverCoreOptions): Promise<ProverCore> {
    // Everything inside is the user's alone: a new data directory is made 0700 (its files are 0600).
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
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
    const { limits, capRaised } = proverLimits(s, options.overrides);
    if (capRaised) logger.scope('prover').warn({ requestedMb: capRaised.requestedMb, usedMb: capRaised.usedMb }, capRaised.reason);
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
      backendProbeScript,
      history: new JobHistory(options.dataDir),
      ...limits,
      availableMemory: () => os.freemem(),
      onWorkerLog: (level, msg, fields) => {
        const pid = typeof fields.pid === 'number' ? fields.pid : 0;
        logger.writeWorkerRecord(pid, { level: level as 'info', msg, fields: fields as Record<string, string | number | boolean> });
      },
    });
    const credentials = new FeedbackCredentialStore(options.dataDir, options.secretSealer);
    const core = new ProverCore(options, settings, loaded.warnings[0] ?? null, prover, circuits, logger, redactor, crashes, credentials);
    core.memoryCapRaised = capRaised;
    await core.moveEndpointCredentialsOutOfSettings();
    return core;
  }

  /**
   * An address saved with a user name and password in it (by an older version, or by hand) is
   * split at start, whatever starts: the credentials go to their own store and settings.json
   * keeps the bare address.
   */
  private async moveEndpointCredentialsOutOfSettings(): Promise<void> {
    const endpoint = this.settings.get().feedbackEndpoint;
    if (!endpoint) return;
    const { endpoint: bare, credentials } = splitEndpointCredentials(endpoint);
    if (credentials === null) return;
    await this.feedbackCredentials.save(credentials);
    await this.settings.update({ feedbackEndpoint: bare });
    // The store keeps the previous file as settings.json.bak: written once more so that copy is clean too.
    await this.settings.update({});
  }

  /**
   * Logs every job's end. A worker that died on its own is recorded by the crash watch as it
   * exits; one main stopped for using too much memory is recorded here, with the job's limits.
   */
  private watchJobs(): void {
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

  /** Starts one prover worker ahead of the first proof; a failure is logged, never thrown. */
  warmUp(): Promise<void> {
    return this.prover.warmUp(1).catch((error: unknown) => this.logger.scope('prover').warn({ reason: String(error) }, 'could not start a worker ahead of the first proof'));
  }

  /** Stops the workers, waits for a crash record being written, and closes the log. */
  async close(): Promise<void> {
    await this.prover.close();
    // A worker that died just before the end must still leave its record.
    await this.crashes.settled();
    this.logger.close();
  }
}
