// The one contract between the UI and the rest of zkdesk. Every method the renderer may call
// and every event it may hear is named here, each input with a zod schema that main parses
// before any service sees it, each output with its TypeScript type. Main implements it
// (main/api), preload forwards it over IPC, the headless host over HTTP/WebSocket, the
// renderer consumes it as `window.zkdesk`. Nothing else crosses. This file imports neither
// Electron nor Node nor the DOM: only zod and types.
import { z } from 'zod';
import { sectionIds } from '../common/diagnostics/bundleManifest.js';
import type { ErrorPayload } from '../common/errors.js';
import type { Advice, CircuitAdvice } from '../common/advisor/readiness.js';
import type { SystemProfile } from '../common/profiler/systemProfile.js';
import type { JobRecord, JobSnapshot, ProofResult } from '../common/prover/proverTypes.js';
import type { InputSignal } from '../common/prover/circuitManifest.js';
import type { Settings } from '../common/settings/settingsSchema.js';
import type { UpdateState } from '../common/updates/updateState.js';
import type { UpdateChannel } from '../common/updates/updateChannel.js';
import type { Calibration, EstimateBreakdown } from '../common/profiler/calibrationTypes.js';
import type { BundlePreview, BundleSummary } from '../common/diagnostics/bundleViews.js';
import type { HelpArticle } from '../common/help/helpArticle.js';
import type { BenchRun } from '../common/profiler/benchRunTypes.js';
import type { HealthReport } from '../common/health/healthReportSchema.js';
import type { CircuitBuildPlan, CircuitBuildState } from '../common/prover/circuitBuild.js';

export type { HelpArticle } from '../common/help/helpArticle.js';

export const CHANNEL_PREFIX = 'zkdesk:';

// Wire shapes the contract owns (what the UI needs, not the services' internals).
export interface AppInfo {
  name: string;
  version: string;
  channel: UpdateChannel;
  platform: string;
  arch: string;
  /** Which host serves the UI: the Electron app or `zkdesk serve` in a browser. */
  host: 'electron' | 'browser';
  /** Where settings, history, logs and caches live; `--data-dir` or ZKDESK_DATA_DIR moves it. */
  dataDir: string;
  /**
   * Things only some hosts can do: native dialogs and reveal in the file manager (the Electron
   * shell); updates (the app, or `zkdesk serve --update-feed`).
   */
  /** updateInstall: a downloaded update can be installed here (the desktop app; not the headless host). */
  capabilities: { nativeDialogs: boolean; revealInFolder: boolean; updates: boolean; updateInstall: boolean };
  /**
   * How the feedback address's user name and password are kept: sealed by the OS keychain (the
   * app), or in clear in the data directory (the browser host, which has none): shown where they are set.
   */
  secretStorage: 'os-encrypted' | 'plain-file';
}

export interface CircuitSummary {
  id: string;
  title: string;
  description: string;
  source: 'bundled' | 'package';
  built: boolean;
  constraints: number | null;
  domainPower: number | null;
  wires: number | null;
  zkeyBytes: number | null;
  publicSignals: string[];
  inputs: InputSignal[];
  ceremony: string | null;
}

export interface CircuitCheck {
  circuit: CircuitSummary;
  advice: CircuitAdvice;
  estimate: EstimateBreakdown | null;
}

export interface WrittenBundleView {
  path: string;
  /** Names this bundle to diagnostics.reveal: the page never hands main a path to act on. */
  handle: string;
  bytes: number;
  /** Files left out or shortened to stay under the size cap. */
  cut: Array<{ path: string; reason: string }>;
  /**
   * The browser host: where the page downloads this bundle (its own URL, behind the host's
   * token; it serves only bundles main wrote this session). null in the app, which saves through
   * its own dialog (diagnostics.saveBundle) and shows the file in its folder.
   */
  download: string | null;
}

/** Feedback waiting in the outbox, as one file to save and hand over another way. */
export interface FeedbackFile {
  name: string;
  text: string;
  /** Messages in it. */
  count: number;
}

export type BundleSummaryView = BundleSummary;

/** What the Benchmarks view charts over time: past calibrations and `npm run bench` results. */
export interface BenchmarkHistory {
  /** Oldest first; the latest is the one the estimator uses. */
  calibrations: Calibration[];
  /** Oldest first, from <dataDir>/bench/*.json. */
  benchRuns: BenchRun[];
  /** Files or lines that could not be read as either (damaged, or another tool's). */
  skipped: number;
}

/** What choosing a data directory did: where data goes from the next start, and what came along. */
export interface DataDirChoice {
  dataDir: string;
  /** Files copied into it so the move keeps the user's settings and calibration. */
  carried: string[];
  /** Set when this run was started with --data-dir or ZKDESK_DATA_DIR, which will still win over the choice. */
  overriddenBy: 'flag' | 'env' | null;
}

/** Health reports: whether they are on, the id they carry, and exactly what the next one would hold. */
export interface HealthView {
  enabled: boolean;
  /** null until reports are first turned on. */
  reportId: string | null;
  /** Reports waiting in the outbox (no address set, or the receiver unreachable). */
  queued: number;
  /** Where reports go now; null: nowhere yet, they wait on this machine. */
  endpoint: string | null;
  /** Who chose the address: the user in Settings, or the update feed this install uses (its …/v1/health-reports). */
  endpointSource: 'settings' | 'update feed' | null;
  /** The report that would be sent now: the sample Settings shows. */
  next: HealthReport;
}

export interface SettingsView {
  settings: Settings;
  /** Set when the file was damaged and recovered at start: the UI says so once. */
  recovery: ErrorPayload | null;
}

/** The envelope every method answers in: errors keep their code and help id across IPC. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

const id = z.string().min(1).max(200);
const none = z.undefined();
const sectionList = z.array(z.enum(sectionIds)).max(20).default([]);

/** Declares a method: its input schema and (as a phantom) its output type. */
function method<O>() {
  return <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });
}

function event<P>() {
  return { payload: undefined as unknown as P };
}

export const methods = {
  'app.info': method<AppInfo>()(none),

  'profile.get': method<SystemProfile>()(none),
  'profile.refresh': method<SystemProfile>()(none),
  /** The renderer's answer to navigator.gpu.requestAdapter(): only a browser engine can ask. */
  'profile.reportWebGpu': method<{ recorded: boolean }>()(
    z.object({
      adapter: z.boolean(),
      vendor: z.string().max(200).nullable(),
      architecture: z.string().max(200).nullable(),
      description: z.string().max(500).nullable(),
    }),
  ),
  'advisor.machine': method<Advice>()(none),
  'advisor.circuit': method<CircuitCheck>()(z.object({ circuitId: id })),
  'calibration.get': method<Calibration | null>()(none),
  'calibration.run': method<Calibration>()(none),
  'calibration.history': method<BenchmarkHistory>()(z.object({ limit: z.number().int().min(1).max(200).optional() })),

  'circuits.list': method<CircuitSummary[]>()(none),
  'circuits.sampleInput': method<unknown>()(z.object({ circuitId: id })),
  /** Electron: `path` omitted opens a native dialog. Browser host: the path typed by the user. */
  /** Electron: `path` is refused and main's own dialog opens; the browser host, which has none, takes a path. */
  /** Whether this install can build a circuit it lists unbuilt (and the build of it this session, if any); if not, why and what to do. */
  'circuits.buildPlan': method<{ plan: CircuitBuildPlan; current: CircuitBuildState | null }>()(z.object({ circuitId: id })),
  /** Starts that build from a prepared powers-of-tau file; its progress arrives as circuits.build events. */
  'circuits.build': method<CircuitBuildState>()(z.object({ circuitId: id })),
  /** Stops that build; false when none was running for the circuit. */
  'circuits.cancelBuild': method<{ cancelled: boolean }>()(z.object({ circuitId: id })),
  'circuits.openPackage': method<CircuitSummary | null>()(z.object({ path: z.string().min(1).max(4096).optional() })),

  'prover.submit': method<{ jobId: string }>()(
    z.object({
      circuitId: id,
      // The input's structure is checked by the prover against the circuit's manifest.
      input: z.record(z.string().max(200), z.unknown()),
      priority: z.number().int().min(-100).max(100).optional(),
    }),
  ),
  'prover.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: id })),
  'prover.jobs': method<JobSnapshot[]>()(none),
  'prover.result': method<ProofResult | null>()(z.object({ jobId: id })),
  'prover.history': method<JobRecord[]>()(z.object({ limit: z.number().int().min(1).max(10_000).optional() })),
  /**
   * Electron: a save dialog for a verified proof's proof.json or public.json, written from the
   * result main holds (never text from the page). The browser host has no dialog: the page downloads it.
   */
  'prover.saveResult': method<{ saved: boolean }>()(z.object({ jobId: id, file: z.enum(['proof', 'public']) })),

  'help.articles': method<HelpArticle[]>()(none),

  /** Everything a bundle would hold, redacted, file by file: what the user sees is what is written. */
  'diagnostics.preview': method<{ planId: string; preview: BundlePreview }>()(
    z.object({ sinceDays: z.number().int().min(1).max(365).nullable().optional(), exclude: sectionList, include: sectionList }),
  ),
  /** Writes exactly the previewed plan, less the sections unticked since. */
  'diagnostics.write': method<WrittenBundleView>()(z.object({ planId: id, exclude: sectionList, include: sectionList })),
  /** The bundle by the handle diagnostics.write gave: main reveals only what main wrote. */
  'diagnostics.reveal': method<{ revealed: boolean }>()(z.object({ handle: z.string().min(1).max(64) })),
  /** Electron: a save dialog for a copy of the bundle main wrote (by its handle). The browser host downloads it instead. */
  'diagnostics.saveBundle': method<{ saved: boolean }>()(z.object({ handle: z.string().min(1).max(64) })),
  /** Electron: `path` is refused and main's own dialog opens; the browser host, which has none, takes a path. */
  'diagnostics.open': method<BundleSummaryView | null>()(z.object({ path: z.string().min(1).max(4096).optional() })),
  /** `waiting`: messages left in the outbox after this one (they go into the next bundle, and can be saved as a file). */
  'diagnostics.feedback': method<{ queued: boolean; sent: boolean; waiting: number }>()(
    z.object({ message: z.string().min(1).max(20_000), attachBundle: z.boolean().default(false) }),
  ),
  /** The feedback waiting in the outbox, redacted, as a file: the browser host downloads it. */
  'diagnostics.feedbackFile': method<FeedbackFile>()(none),
  /** Electron: a save dialog for that file, written by main. */
  'diagnostics.saveFeedbackFile': method<{ saved: boolean }>()(none),

  'settings.get': method<SettingsView>()(none),
  // Each field is re-checked by the settings schema; this only bounds the shape.
  'settings.update': method<Settings>()(z.object({ patch: z.record(z.string().max(100), z.unknown()) })),
  // A folder for the next start (the pointer lives in the default folder); the path is checked in main.
  // Electron: `path` is refused and main's own folder dialog opens (null: cancelled); the browser host takes a path.
  'settings.chooseDataDir': method<DataDirChoice | null>()(z.object({ path: z.string().min(1).max(4096).optional() })),

  // Turning reports on or off is a settings change (healthReports); these show and reset them.
  'health.status': method<HealthView>()(none),
  'health.resetId': method<HealthView>()(none),

  'updates.state': method<UpdateState>()(none),
  'updates.check': method<UpdateState>()(z.object({ getItNow: z.boolean().optional() })),
  'updates.switchChannel': method<UpdateState>()(z.object({ channel: z.enum(['stable', 'beta']) })),
  'updates.acceptDowngrade': method<UpdateState>()(none),
  'updates.download': method<UpdateState>()(none),
  'updates.install': method<{ restarting: boolean }>()(none),
} as const;

export const views = ['overview', 'prove', 'benchmarks', 'help', 'diagnostics', 'settings'] as const;
export type View = (typeof views)[number];

export const events = {
  /** The app menu asks the UI to show a view (Help, Report a problem). */
  'app.navigate': event<{ view: View }>(),
  'prover.job': event<JobSnapshot>(),
  /** A circuit's build moved on: a step started or ended, or the build finished. */
  'circuits.build': event<CircuitBuildState>(),
  /** A profile section that ran past its time limit answered later (or gave up): the whole profile as it is now. */
  'profile.updated': event<SystemProfile>(),
  'updates.state': event<UpdateState>(),
} as const;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;
export type MethodInput<N extends MethodName> = z.input<(typeof methods)[N]['input']>;
export type ParsedInput<N extends MethodName> = z.output<(typeof methods)[N]['input']>;
export type MethodOutput<N extends MethodName> = (typeof methods)[N]['output'];
export type EventPayload<E extends EventName> = (typeof events)[E]['payload'];

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function channelOf(name: MethodName | EventName): string {
  return `${CHANNEL_PREFIX}${name}`;
}

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(methods, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

type Domains = { [N in MethodName as N extends `${infer D}.${string}` ? D : never]: true };
type MethodsOf<D extends string> = { [N in MethodName as N extends `${D}.${infer M}` ? M : never]: N };

/** What the renderer sees as `window.zkdesk`: one object per domain, one function per method. */
export type ZkdeskApi = {
  [D in keyof Domains & string]: {
    [M in keyof MethodsOf<D>]: MethodsOf<D>[M] extends MethodName
      ? undefined extends MethodInput<MethodsOf<D>[M]>
        ? (input?: MethodInput<MethodsOf<D>[M]>) => Promise<MethodOutput<MethodsOf<D>[M]>>
        : (input: MethodInput<MethodsOf<D>[M]>) => Promise<MethodOutput<MethodsOf<D>[M]>>
      : never;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Parses a method's input; the error names the method and the first problem. */
export function parseInput<N extends MethodName>(name: N, input: unknown): { ok: true; value: ParsedInput<N> } | { ok: false; problem: string } {
  const parsed = methods[name].input.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as ParsedInput<N> };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid input' };
}
