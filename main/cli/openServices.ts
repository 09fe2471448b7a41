// The services for the commands that prove, calibrate or serve, loaded on demand: they pull in
// snarkjs, systeminformation, pino and the update client, which `zkdesk help`, `circuits` or
// `--version` never need, and which would make every command start slower.
import type { ServicesOptions, ZkdeskServices } from '../api/zkdeskServices.js';
import type { CliContext } from './cliContext.js';
import { appVersion } from './appVersion.js';

export async function openCliServices(
  ctx: CliContext,
  processName: 'cli' | 'host',
  overrides?: ServicesOptions['overrides'],
  circuits?: ServicesOptions['circuits'],
): Promise<ZkdeskServices> {
  const [{ ZkdeskServices: Services }, { NodeWorkerLauncher }] = await Promise.all([import('../api/zkdeskServices.js'), import('../services/prover/nodeWorkerLauncher.js')]);
  return Services.open({ dataDir: ctx.dataDir, dataDirSource: ctx.dataDirSource, launcher: new NodeWorkerLauncher(), appVersion: appVersion(), processName, ...(overrides ? { overrides } : {}), ...(circuits ? { circuits } : {}) });
}
