// The real composition root the app and `zkdesk serve` use, on a fresh temporary data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZkdeskServices, type ServicesOptions } from '../../main/api/zkdeskServices.js';
import { NodeWorkerLauncher } from '../../main/services/prover/nodeWorkerLauncher.js';

export interface TestServices {
  services: ZkdeskServices;
  dataDir: string;
  close(): Promise<void>;
}

export async function openTestServices(name: string, options: Partial<ServicesOptions> = {}): Promise<TestServices> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `zkdesk-${name}-`));
  const services = await ZkdeskServices.open({ dataDir, launcher: new NodeWorkerLauncher(), appVersion: '0.1.0-test', processName: 'host', ...options });
  return {
    services,
    dataDir,
    close: async () => {
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
