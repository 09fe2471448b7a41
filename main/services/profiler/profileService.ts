// The machine's profile as the app uses it: collected once and reused for a short while (advice,
// estimates and bundles ask for it many times a minute), one collection at a time, with
// Chromium's view of the GPU added where the host has one. The CPU load is sampled system-wide,
// so work of our own that would read as a busy machine (a worker starting) runs outside sampling.
// Sections that ran past their limit are asked again in the background and fill in the cached
// profile when they answer; listeners are told.
import { setTimeout as delay } from 'node:timers/promises';
import type { ChromiumGpu, SystemProfile } from '../../../common/profiler/systemProfile.js';
import type { BackendReport } from '../../../common/workerProtocol.js';
import type { WebGpuReport } from './chromiumGpuFacts.js';
import { collectFingerprint, collectSystemProfile, withLateSection, type CollectOptions } from './profileCollector.js';
import type { SectionName } from './profileProbes.js';
import { collectRuntimeFacts } from './runtimeFacts.js';

/** A profile older than this is collected again before advice is given. */
export const PROFILE_MAX_AGE_MS = 30_000;
/** Chromium answers getGPUInfo from its GPU process; a wedged one must not hold the profile. */
const CHROMIUM_GPU_LIMIT_MS = 1_500;
/** How long a calibration waits for the sections its fingerprint reads. */
export const FINGERPRINT_WAIT_MS = 45_000;
const SECTIONS: readonly SectionName[] = ['cpu', 'memory', 'gpu', 'os', 'system', 'power', 'load', 'disk', 'runtime'];
/** What cannot change while the app runs: the last collection's answer stands in for one still being asked. */
const UNCHANGING: readonly SectionName[] = ['cpu', 'os', 'system', 'gpu', 'runtime'];

export interface ProfileServiceOptions {
  dataDir: string;
  /** Whether a proof of ours is running now: the CPU load measured meanwhile is partly ours. */
  proving(): boolean;
  /** Chromium's view of the GPU: only the Electron app can ask (main/app/electronGpuInfo.ts). */
  chromiumGpu?: (webgpu: WebGpuReport | undefined) => Promise<ChromiumGpu>;
  /** Which prover the workers use, as a worker reports it; without it the runtime section does not guess. */
  workerBackend?: () => Promise<BackendReport>;
  /** Told when a late section fills in the profile shown (for the log). */
  onLateSection?: (name: SectionName, status: string) => void;
  /** Probes and limits for the collector (the real systeminformation probes and default limits where not given). */
  collector?: Pick<CollectOptions, 'probes' | 'limitsMs'>;
}

export class ProfileService {
  private cache: { profile: SystemProfile; at: number; ownProofs: boolean } | null = null;
  /** One collection at a time: callers that arrive meanwhile share it. */
  private inFlight: Promise<SystemProfile> | null = null;
  /** Work running outside sampling (see outsideSampling): the next collection waits for it. */
  private readonly quietWork = new Set<Promise<void>>();
  private webgpu: WebGpuReport | undefined;
  /** The last profile collected, kept after the cache is dropped (WebGPU reported) for what cannot change. */
  private lastProfile: SystemProfile | null = null;
  /** Sections of the cached profile still being asked in the background; settles when none is left. */
  private settling: Promise<void> = Promise.resolve();
  /** Told when a section that ran past its limit answers (or gives up) after the profile was returned. */
  private readonly listeners = new Set<(profile: SystemProfile) => void>();

  constructor(private readonly options: ProfileServiceOptions) {}

  /** The last profile while it is fresh enough, else a new one; `fresh` always collects. */
  async current(options: { fresh?: boolean } = {}): Promise<SystemProfile> {
    const cached = this.cache;
    if (!options.fresh && cached && Date.now() - cached.at < PROFILE_MAX_AGE_MS) return cached.profile;
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.collect().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The profile once its late sections have answered, or as it stands after waitMs. */
  async settled(waitMs: number): Promise<SystemProfile> {
    const profile = await this.current();
    await Promise.race([this.settling, delay(waitMs, undefined, { ref: false })]);
    return this.cache?.profile ?? profile;
  }

  /**
   * A profile whose fingerprint is complete. The fingerprint reads the CPU, memory and OS: on a
   * busy machine those may still be being asked, so wait for them (bounded) rather than key a
   * calibration on a fingerprint with holes, which would never match it again.
   */
  async fingerprinted(options: { fresh?: boolean } = {}, waitMs = FINGERPRINT_WAIT_MS): Promise<SystemProfile> {
    const profile = await this.current(options);
    return profile.fingerprint.complete ? profile : this.settled(waitMs);
  }

  /**
   * This machine's fingerprint, complete: the cached profile's, else only the three sections it
   * reads (a cold CLI needs no more), else, where those did not all answer, the whole profile's.
   */
  async fingerprint(): Promise<SystemProfile['fingerprint']> {
    const cached = this.cache?.profile.fingerprint;
    if (cached?.complete) return cached;
    // A whole profile on its way carries it: asking the probes again meanwhile would read as load in its sample.
    if (this.inFlight) return (await this.fingerprinted()).fingerprint;
    const quick = await collectFingerprint(this.options.collector ?? {});
    return quick.complete ? quick : (await this.fingerprinted()).fingerprint;
  }

  /** Listens for a profile filled in late; returns the unsubscribe. */
  onUpdated(listener: (profile: SystemProfile) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether our own proofs ran while the last profile was measured (the advisor discounts the load). */
  get ownProofsDuringLast(): boolean {
    return this.cache?.ownProofs ?? false;
  }

  /** What the renderer's WebGPU said; the next profile carries it. */
  recordWebGpu(report: WebGpuReport): void {
    this.webgpu = report;
    this.cache = null;
  }

  /**
   * Runs work that would read as load on the machine (a worker starting) outside any sampling:
   * after the collection in flight, and the next collection waits for it to finish.
   */
  async outsideSampling<T>(work: () => Promise<T>): Promise<T> {
    const run = (async () => {
      await this.inFlight?.catch(() => undefined);
      return work();
    })();
    const quiet = run.then(
      () => undefined,
      () => undefined,
    );
    this.quietWork.add(quiet);
    try {
      return await run;
    } finally {
      this.quietWork.delete(quiet);
    }
  }

  private async collect(): Promise<SystemProfile> {
    if (this.quietWork.size > 0) {
      await Promise.all(this.quietWork);
      // Whoever waited on that work (the warm-up's caller) resumes before the sampling starts.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const provingBefore = this.options.proving();
    const collectedAt = { value: '' };
    const waiting = new Set<SectionName>();
    const mine = { cached: false };
    const early: Array<(profile: SystemProfile) => SystemProfile> = [];
    let settled: () => void = () => {};
    const workerBackend = this.options.workerBackend;
    const profile = await collectSystemProfile({
      dataDir: this.options.dataDir,
      ...(this.options.collector?.limitsMs ? { limitsMs: this.options.collector.limitsMs } : {}),
      probes: {
        ...(workerBackend ? { runtime: () => collectRuntimeFacts(undefined, undefined, workerBackend) } : {}),
        ...this.options.collector?.probes,
      },
      // A section that timed out fills in when it answers: the cached profile follows and listeners are told.
      onLateSection: (name, section) => {
        waiting.delete(name);
        if (waiting.size === 0) settled();
        // Before this collection is cached (Chromium's GPU view is still being asked): kept for then.
        if (!mine.cached) {
          early.push((p) => withLateSection(p, name, section));
          return;
        }
        const cached = this.cache;
        if (!cached) return;
        // Into the profile shown now, whichever collection asked: it fills a gap or brings a
        // value up to date, but a give-up never replaces a known value, nor does an older answer a newer one.
        const shown = cached.profile[name];
        if (shown.status === 'ok' && (section.status !== 'ok' || cached.profile.collectedAt !== collectedAt.value)) return;
        this.cache = { ...cached, profile: withLateSection(cached.profile, name, section) };
        this.options.onLateSection?.(name, section.status);
        for (const listener of this.listeners) listener(this.cache.profile);
      },
    });
    collectedAt.value = profile.collectedAt;
    for (const name of SECTIONS) {
      const section = profile[name];
      if (section.status === 'unavailable' && section.retrying) waiting.add(name);
    }
    this.settling = waiting.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (settled = resolve));
    const ownProofs = provingBefore || this.options.proving();
    if (this.options.chromiumGpu) {
      // The GPU process may be gone (crashed, disabled); the profile stands without Chromium's view.
      const chromium = await Promise.race([
        this.options.chromiumGpu(this.webgpu).catch(() => undefined),
        delay(CHROMIUM_GPU_LIMIT_MS, undefined, { ref: false }),
      ]);
      if (chromium) profile.chromiumGpu = chromium;
    }
    // The last collection's answer for a section that cannot change stands in for one still being asked; its answer replaces it.
    const previous = this.cache?.profile ?? this.lastProfile;
    const carried = UNCHANGING.reduce(
      (p, name) => (p[name].status !== 'ok' && previous?.[name].status === 'ok' ? withLateSection(p, name, previous[name]) : p),
      profile as SystemProfile,
    );
    const whole = early.reduce((p, fill) => fill(p), carried);
    this.cache = { profile: whole, at: Date.now(), ownProofs };
    this.lastProfile = whole;
    mine.cached = true;
    return whole;
  }
}
