// The contract, implemented once over the services. The Electron app's IPC wiring and the
// headless host's HTTP bridge both call `dispatch`: the method name is checked against the
// contract, the input parsed by its schema, the answer wrapped so errors keep their code.
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZkError } from '../../common/errors.js';
import { proofFileText } from '../../common/prover/proofFiles.js';
import {
  isMethodName,
  parseInput,
  type ApiResult,
  type AppInfo,
  type CircuitSummary,
  type EventName,
  type EventPayload,
  type HelpArticle,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from '../../preload/contract.js';
import type { CheckedCircuit } from '../services/prover/resolvedCircuit.js';
import type { CircuitListing } from '../services/prover/circuitRegistry.js';
import { readCalibrationHistory } from '../services/profiler/calibrationHistory.js';
import { readBenchRuns } from '../services/profiler/benchResults.js';
import type { ZkdeskServices } from './zkdeskServices.js';
import { chooseDataDir, defaultDataDir } from '../services/settings/dataDirLocation.js';
import { PathHandles } from './pathHandles.js';
import { bundleFileName } from '../services/diagnostics/bundleFileName.js';

/** What differs between hosts: native dialogs and the file manager exist only in Electron. */
export interface HostCapabilities {
  kind: AppInfo['host'];
  /**
   * Files and folders the user picks in main's own dialog. A host that has one takes no path
   * from the page: the page cannot point main at a file the user did not choose.
   */
  pickFile?(purpose: 'circuit-package' | 'bundle' | 'data-dir'): Promise<string | null>;
  revealInFolder?(file: string): void;
  /** A native save dialog that writes `content` where the user chose; false when they cancelled. */
  saveFile?(suggestedName: string, content: string | Uint8Array, kind: 'json' | 'zip'): Promise<boolean>;
  /** Where the page downloads a bundle main wrote, by its handle: the browser host's own URL. */
  bundleDownloadUrl?(handle: string): string;
  /** Where written bundles go when the user did not choose: Downloads in the app, the data dir otherwise. */
  bundleDir(): string;
  restartToUpdate?(): void;
  /** Help articles (the help service reads resources/help). */
  helpArticles(): Promise<HelpArticle[]>;
}

type Handlers = { [N in MethodName]: (input: ParsedInput<N>) => Promise<MethodOutput<N>> };

function listingSummary(listing: CircuitListing): CircuitSummary {
  const m = listing.manifest;
  return {
    id: listing.id,
    title: listing.title,
    description: listing.description,
    source: 'bundled',
    built: listing.built && m !== null,
    constraints: m?.constraints ?? null,
    domainPower: m?.domainPower ?? null,
    wires: m?.wires ?? null,
    zkeyBytes: m?.artifacts.zkey.bytes ?? null,
    publicSignals: m?.publicSignals ?? [],
    inputs: m?.inputs ?? [],
    ceremony: m?.ceremony.kind ?? null,
  };
}

function checkedSummary(circuit: CheckedCircuit): CircuitSummary {
  const m = circuit.manifest;
  return {
    id: circuit.id,
    title: circuit.title,
    description: m?.description ?? '',
    source: circuit.source === 'bundled' ? 'bundled' : 'package',
    built: true,
    constraints: m?.constraints ?? null,
    domainPower: circuit.header.domainPower,
    wires: circuit.header.nVars,
    zkeyBytes: circuit.zkeyBytes,
    publicSignals: m?.publicSignals ?? [],
    inputs: m?.inputs ?? [],
    ceremony: m?.ceremony.kind ?? null,
  };
}

export class ZkdeskApi {
  private readonly handlers: Handlers;
  /** Bundles main wrote this session, by handle: the only files the page may reveal, save or download. */
  private readonly writtenBundles = new PathHandles();

  constructor(
    private readonly services: ZkdeskServices,
    private readonly host: HostCapabilities,
  ) {
    this.handlers = this.makeHandlers();
  }

  private requireUpdates() {
    if (!this.services.updates) {
      throw new ZkError('E_UPDATE_UNREACHABLE', 'Updates are managed by the installed app; this host has no update feed configured.');
    }
    return this.services.updates;
  }

  /**
   * A path the page typed: the browser host has no dialog of its own and takes it; a host with
   * one (Electron) refuses it, and its dialog is used instead.
   */
  private pageOrPicked(given: string | undefined, purpose: 'circuit-package' | 'bundle' | 'data-dir'): Promise<string | null> {
    if (!this.host.pickFile) return Promise.resolve(given ?? null);
    if (given !== undefined) {
      throw new ZkError('E_INPUT_INVALID', 'In the app, files and folders are chosen in its own dialog, not given by path.', { problem: 'path from the page', purpose });
    }
    return this.host.pickFile(purpose);
  }

  private makeHandlers(): Handlers {
    const s = this.services;
    return {
      'app.info': async () => ({
        name: 'zkdesk',
        version: s.options.appVersion,
        channel: s.settings.get().updateChannel,
        platform: process.platform,
        arch: os.arch(),
        host: this.host.kind,
        dataDir: s.options.dataDir,
        capabilities: { nativeDialogs: Boolean(this.host.pickFile), revealInFolder: Boolean(this.host.revealInFolder), updates: Boolean(s.updates), updateInstall: s.updates?.canInstall ?? false },
        secretStorage: s.feedbackCredentials.protection,
      }),

      'profile.get': async () => s.profiles.current(),
      'profile.refresh': async () => s.profiles.current({ fresh: true }),
      'profile.reportWebGpu': async ({ adapter, vendor, architecture, description }) => {
        s.profiles.recordWebGpu({ adapter, ...(vendor ? { vendor } : {}), ...(architecture ? { architecture } : {}), ...(description ? { description } : {}) });
        return { recorded: true };
      },
      'advisor.machine': async () => s.advisor.machine(),
      'advisor.circuit': async ({ circuitId }) => {
        const { circuit, advice, estimate } = await s.advisor.circuit(circuitId);
        return { circuit: checkedSummary(circuit), advice, estimate };
      },
      'calibration.get': async () => s.currentCalibration(),
      'calibration.run': async () => s.runCalibration(),
      'calibration.history': async ({ limit = 50 }) => {
        const dir = s.options.dataDir;
        const [past, bench, stored] = await Promise.all([readCalibrationHistory(dir), readBenchRuns(dir, limit), s.calibration.stored()]);
        // A calibration stored before the history file existed still belongs on the chart.
        const calibrations = stored && !past.calibrations.some((c) => c.measuredAt === stored.measuredAt) ? [...past.calibrations, stored] : past.calibrations;
        return { calibrations: calibrations.slice(-limit), benchRuns: bench.runs, skipped: past.skipped + bench.skipped };
      },

      'circuits.list': async () => {
        const { bundled, opened } = await s.circuits.list();
        return [...bundled.map(listingSummary), ...opened.map(checkedSummary)];
      },
      'circuits.sampleInput': async ({ circuitId }) => s.circuits.sampleInput(circuitId),
      'circuits.buildPlan': async ({ circuitId }) => ({ plan: await s.circuitBuilds.plan(circuitId), current: s.circuitBuilds.current(circuitId) }),
      'circuits.build': async ({ circuitId }) => {
        const state = await s.circuitBuilds.start(circuitId);
        s.logger.scope('circuits').info({ circuit: circuitId }, 'circuit build started from the app');
        return state;
      },
      'circuits.cancelBuild': async ({ circuitId }) => ({ cancelled: s.circuitBuilds.cancel(circuitId) }),
      'circuits.openPackage': async ({ path: given }) => {
        const chosen = await this.pageOrPicked(given, 'circuit-package');
        if (!chosen) return null;
        return checkedSummary(await s.circuits.openPackage(chosen));
      },

      'prover.submit': async ({ circuitId, input, priority }) => {
        const circuit = await s.resolveCircuit(circuitId);
        const predictedMs = await s.estimates.predictedMs(circuitId);
        const handle = await s.prover.submit({ circuit, input, predictedMs, ...(priority !== undefined ? { priority } : {}) });
        // Outcomes reach the UI as prover.job events and prover.result; nobody awaits this one.
        handle.result.catch(() => {});
        return { jobId: handle.jobId };
      },
      'prover.cancel': async ({ jobId }) => ({ cancelled: s.prover.cancel(jobId) }),
      'prover.jobs': async () => s.prover.jobs(),
      'prover.result': async ({ jobId }) => s.prover.result(jobId),
      'prover.history': async ({ limit }) => s.history.read({ limit: limit ?? 200 }),
      'prover.saveResult': async ({ jobId, file }) => {
        const result = s.prover.result(jobId);
        if (!result) throw new ZkError('E_IO', 'That proof is no longer held in memory: prove it again to save it.', { jobId });
        if (!this.host.saveFile) return { saved: false };
        const { name, text } = proofFileText(result, file);
        return { saved: await this.host.saveFile(name, text, 'json') };
      },

      'help.articles': async () => this.host.helpArticles(),

      'diagnostics.preview': async ({ sinceDays, exclude, include }) => s.bundles.preview({ sinceDays: sinceDays ?? null, exclude, include }),
      'diagnostics.write': async ({ planId, exclude, include }) => {
        const out = path.join(this.host.bundleDir(), bundleFileName(new Date()));
        const written = await s.bundles.write(planId, out, { exclude, include });
        s.logger.scope('diagnostics').info({ bytes: written.bytes, cut: written.manifest.cut.length }, 'diagnostics bundle written');
        const handle = this.writtenBundles.issue(written.path);
        return {
          path: written.path,
          handle,
          bytes: written.bytes,
          cut: written.manifest.cut.map((c) => ({ path: c.path, reason: c.reason })),
          download: this.host.bundleDownloadUrl?.(handle) ?? null,
        };
      },
      'diagnostics.saveBundle': async ({ handle }) => {
        const file = this.writtenBundles.resolve(handle);
        if (!this.host.saveFile) return { saved: false };
        return { saved: await this.host.saveFile(path.basename(file), await readFile(file), 'zip') };
      },
      'diagnostics.reveal': async ({ handle }) => {
        const file = this.writtenBundles.resolve(handle);
        if (!this.host.revealInFolder) return { revealed: false };
        this.host.revealInFolder(file);
        return { revealed: true };
      },
      'diagnostics.open': async ({ path: given }) => {
        const chosen = await this.pageOrPicked(given, 'bundle');
        return chosen ? s.bundles.inspect(path.resolve(chosen)) : null;
      },
      'diagnostics.feedback': async ({ message, attachBundle }) => {
        const settings = s.settings.get();
        let bundlePath: string | undefined;
        try {
          if (attachBundle) {
            const { planId } = await s.bundles.preview({});
            bundlePath = (await s.bundles.write(planId, path.join(s.options.dataDir, 'cache', `feedback-bundle-${Date.now()}.zip`))).path;
          }
          await s.feedback.enqueue({ message, installId: settings.installId, appVersion: s.options.appVersion, channel: settings.updateChannel, ...(bundlePath ? { bundlePath } : {}) });
        } finally {
          // The outbox keeps its own copy until it is sent; this one would only pile up in the cache.
          if (bundlePath) await rm(bundlePath, { force: true });
        }
        const report = await s.sendFeedback({ attempts: 2 });
        return { queued: true, sent: report !== null && report.kept.length === 0, waiting: (await s.feedback.pending()).length };
      },
      'diagnostics.feedbackFile': async () => s.feedback.asFile(),
      'diagnostics.saveFeedbackFile': async () => {
        if (!this.host.saveFile) return { saved: false };
        const { name, text, count } = await s.feedback.asFile();
        if (count === 0) throw new ZkError('E_INPUT_INVALID', 'No feedback is waiting in the outbox: there is nothing to save.');
        return { saved: await this.host.saveFile(name, text, 'json') };
      },

      'health.status': async () => ({ ...(await s.health.status()), next: await s.health.preview() }),
      'health.resetId': async () => {
        await s.health.resetReportId();
        return { ...(await s.health.status()), next: await s.health.preview() };
      },

      'settings.get': async () => ({ settings: s.settings.get(), recovery: s.settingsRecovery }),
      'settings.update': async ({ patch }) => s.updateSettings(patch),
      'settings.chooseDataDir': async ({ path: given }) => {
        const target = await this.pageOrPicked(given, 'data-dir');
        if (!target) return null;
        const { dataDir, carried } = await chooseDataDir({ target, currentDir: s.options.dataDir, defaultDir: s.options.defaultDataDir ?? defaultDataDir() });
        const source = s.options.dataDirSource ?? 'default';
        return { dataDir, carried, overriddenBy: source === 'flag' || source === 'env' ? source : null };
      },

      'updates.state': async () => this.services.updates?.state ?? { kind: 'idle' },
      'updates.check': async ({ getItNow }) => this.requireUpdates().check({ manual: true, ...(getItNow !== undefined ? { getItNow } : {}) }),
      'updates.switchChannel': async ({ channel }) => {
        await s.settings.update({ updateChannel: channel });
        return this.services.updates ? this.services.updates.switchChannel(channel) : { kind: 'idle' };
      },
      'updates.acceptDowngrade': async () => this.requireUpdates().acceptDowngrade(),
      'updates.download': async () => this.requireUpdates().download(),
      'updates.install': async () => {
        const updates = this.requireUpdates();
        if (updates.state.kind !== 'downloaded') throw new ZkError('E_UPDATE_UNREACHABLE', 'No update has been downloaded yet.');
        updates.installAndRestart();
        return { restarting: true };
      },
    };
  }

  /**
   * The bundle file behind a handle diagnostics.write issued this session, for the browser
   * host's download; null for anything else, so no other path can be fetched through it.
   */
  writtenBundleFile(handle: string): string | null {
    try {
      return this.writtenBundles.resolve(handle);
    } catch {
      return null;
    }
  }

  /** Runs one contract method: unknown names and invalid inputs are refused before any service sees them. */
  async dispatch(name: unknown, rawInput: unknown): Promise<ApiResult<unknown>> {
    try {
      if (!isMethodName(name)) throw new ZkError('E_INPUT_INVALID', 'That is not a zkdesk method.', { method: String(name).slice(0, 80) });
      const parsed = parseInput(name, rawInput);
      if (!parsed.ok) throw new ZkError('E_INPUT_INVALID', `Invalid input for ${name}: ${parsed.problem}.`, { method: name, problem: parsed.problem });
      const handler = this.handlers[name] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.value) };
    } catch (error) {
      const zk = ZkError.wrap(error);
      if (zk.code === 'E_INTERNAL') this.services.logger.scope('main').error({ method: String(name), reason: zk.details.reason ?? zk.message }, 'method failed');
      return { ok: false, error: zk.toPayload() };
    }
  }

  /** The contract's events, from the services that raise them. Returns the unsubscribe. */
  subscribe(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void {
    const offProver = this.services.prover.on((event) => {
      if (event.type === 'job') listener('prover.job', event.job);
    });
    const offUpdates = this.services.updates?.subscribe((state) => listener('updates.state', state)) ?? (() => {});
    const offProfile = this.services.profiles.onUpdated((profile) => listener('profile.updated', profile));
    const offBuilds = this.services.circuitBuilds.on((state) => listener('circuits.build', state));
    return () => {
      offBuilds();
      offProfile();
      offProver();
      offUpdates();
    };
  }
}
