// The machine's profile as the app uses it: collected once and reused for a short while (advice,
// estimates and bundles ask for it many times a minute), one collection at a time, with
// Chromium's view of the GPU added where the host has one. The CPU load is sampled system-wide,
// so work of our own that would read as a busy machine (a worker starting) runs outside sampling.
import { setTimeout as delay } from 'node:timers/promises';
import type { ChromiumGpu, SystemProfile } from '../../../common/profiler/systemProfile.js';
import type { WebGpuReport } from './chromiumGpuFacts.js';
import { collectSystemProfile } from './profileCollector.js';

/** A profile older than this is collected again before advice is given. */
export const PROFILE_MAX_AGE_MS = 30_000;
/** Chromium answers getGPUInfo from its GPU process; a wedged one must not hold the profile. */
const CHROMIUM_GPU_LIMIT_MS = 1_500;

export interface ProfileServiceOptions {
  dataDir: string;
  /** Whether a proof of ours is running now: the CPU load measured meanwhile is partly ours. */
  proving(): boolean;
  /** Chromium's view of the GPU: only the Electron app can ask (main/app/electronGpuInfo.ts). */
  chromiumGpu?: (webgpu: WebGpuReport | undefined) => Promise<ChromiumGpu>;
}

export class ProfileService {
  private cache: { profile: SystemProfile; at: number; ownProofs: boolean } | null = null;
  /** One collection at a time: callers that arrive meanwhile share it. */
  private inFlight: Promise<SystemProfile> | null = null;
  /** Work running outside sampling (see outsideSampling): the next collection waits for it. */
  private readonly quietWork = new Set<Promise<void>>();
  private webgpu: WebGpuReport | undefined;

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
    const profile = await collectSystemProfile({ dataDir: this.options.dataDir });
    const ownProofs = provingBefore || this.options.proving();
    if (this.options.chromiumGpu) {
      // The GPU process may be gone (crashed, disabled); the profile stands without Chromium's view.
      const chromium = await Promise.race([
        this.options.chromiumGpu(this.webgpu).catch(() => undefined),
        delay(CHROMIUM_GPU_LIMIT_MS, undefined, { ref: false }),
      ]);
      if (chromium) profile.chromiumGpu = chromium;
    }
    this.cache = { profile, at: Date.now(), ownProofs };
    return profile;
  }
}
