// The bundle sources a host without Electron can fill itself (the CLI, the headless host): the
// profile from the profiler, the warnings the advisor derives from it, and the calibration kept
// in the data directory. Update state lives in the running app, which passes its own provider.
import { collectSystemProfile } from '../profiler/profileCollector.js';
import type { SystemProfile } from '../../../common/profiler/systemProfile.js';
import { adviseMachine } from '../advisor/advise.js';
import { readStoredCalibration } from '../profiler/calibrationService.js';
import type { BundleSources } from './bundleSources.js';

export interface LocalSourceOptions {
  dataDir: string;
  appVersion: string;
  predictedTimeWarnSec: number;
  workerMemoryCapMb: number | null;
  /** Injected in tests; the real profiler otherwise. */
  collectProfile?: () => Promise<SystemProfile>;
}

export function localBundleSources(options: LocalSourceOptions): BundleSources {
  let profile: Promise<SystemProfile> | undefined;
  const getProfile = (): Promise<SystemProfile> => {
    profile ??= options.collectProfile ? options.collectProfile() : collectSystemProfile({ dataDir: options.dataDir });
    return profile;
  };
  return {
    profile: getProfile,
    calibration: () => readStoredCalibration(options.dataDir),
    warnings: async () => {
      const advice = adviseMachine(
        await getProfile(),
        { predictedTimeWarnSec: options.predictedTimeWarnSec, workerMemoryCapMb: options.workerMemoryCapMb },
        { appVersion: options.appVersion },
      );
      return { verdict: advice.verdict, warnings: advice.warnings };
    },
  };
}
