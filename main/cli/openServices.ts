// The services for the commands that prove, calibrate or serve, loaded on demand: they pull in
// snarkjs, systeminformation, pino and the update client, which `zkdesk help`, `circuits` or
// `--version` never need, and which would make every command start slower.
import type { ServicesOptions, ZkdeskServices } from '../api/zkdeskServices.js';
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
  return Services.open({ dataDir: ctx.dataDir, dataDirSource: ctx.dataDirSource, launcher, appVersion: appVersion(), processName, ...(overrides ? { overrides } : {}), ...(circuits ? { circuits } : {}) });
}
