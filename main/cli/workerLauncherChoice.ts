// Which worker launcher the CLI's services use: child_process.fork under Node (bin/zkdesk.js),
// or the one the host hands over. Inside the installed app (its --zkdesk-cli mode) that is
// Electron's utilityProcess launcher, since fork would need the runAsNode fuse the app keeps off.
import type { WorkerLauncher } from '../services/prover/workerLauncher.js';

let chosen: (() => WorkerLauncher) | null = null;

export function useWorkerLauncher(factory: () => WorkerLauncher): void {
  chosen = factory;
}

export async function cliWorkerLauncher(): Promise<WorkerLauncher> {
  if (chosen) return chosen();
  const { NodeWorkerLauncher } = await import('../services/prover/nodeWorkerLauncher.js');
  return new NodeWorkerLauncher();
}
