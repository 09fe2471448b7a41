// The services for the commands that prove, calibrate or serve, loaded on demand: they pull in
// snarkjs, systeminformation, pino and the update client, which `zkdesk help`, `circuits` or
// `--version` never need, and which would make every command start slower.
import type { ServicesOptions, ZkdeskServices } from '../api/zkdeskServices.js';
import type { ProverCore } from '../api/proverCore.js';
import type { CliContext } from './cliContext.js';
import { appVersion } from './appVersion.js';
import { cliWorkerLauncher } from './workerLauncherChoice.js';

export async function openCliServices(
  ctx: CliContext,
  processName: 'cli' | 'host',
  overrides?: ServicesOptions['overrides'],
  circuits?: ServicesOptions['circuits'],
): Promise<ZkdeskServices> {
  const [{ ZkdeskServices: Services }, launcher] = await Promise.all([import('../api/zkdeskServices.js'), cliWorkerLauncher()]);
  const services = await Services.open({ dataDir: ctx.dataDir, dataDirSource: ctx.dataDirSource, launcher, appVersion: appVersion(), processName, ...(overrides ? { overrides } : {}), ...(circuits ? { circuits } : {}) });
  saySettingsRecovered(services.settingsRecovery);
  return services;
}

/**
 * Only what proving needs (`zkdesk prove`): settings, logs, the crash watch, the kill switch and
 * the prover, without the profiler, advisor, bundles, feedback and health that ZkdeskServices adds.
 */
export async function openCliProver(ctx: CliContext, overrides: ServicesOptions['overrides'], circuits: ServicesOptions['circuits']): Promise<ProverCore> {
  const [{ ProverCore: Core }, launcher] = await Promise.all([import('../api/proverCore.js'), cliWorkerLauncher()]);
  const core = await Core.open({ dataDir: ctx.dataDir, launcher, appVersion: appVersion(), processName: 'cli', ...(overrides ? { overrides } : {}), ...(circuits ? { circuits } : {}) });
  saySettingsRecovered(core.settingsRecovery);
  return core;
}

/**
 * A damaged settings file was moved aside and replaced: the person at the terminal is told, on
 * stderr (stdout may be JSON a script reads), what happened and where the damaged file is.
 */
export function saySettingsRecovered(recovery: ProverCore['settingsRecovery']): void {
  if (!recovery) return;
  const keptAs = typeof recovery.details.movedTo === 'string' ? `\n  the damaged file was kept as ${recovery.details.movedTo}` : '';
  process.stderr.write(`warning ${recovery.code}: ${recovery.message}${keptAs}\n  help: zkdesk help ${recovery.helpId}\n`);
}
