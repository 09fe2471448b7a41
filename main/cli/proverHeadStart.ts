// `zkdesk prove` starts its worker first, before the command's code loads (bin/zkdesk.js calls
// this before anything else): the worker is the slowest thing to start, and on its own core it
// starts while the rest loads. It is started with the options the pool will ask for — the memory
// cap from --memory-cap, else the settings, else the automatic one — and the pool discards it if
// they turn out to differ (spareWorker.ts).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { proverWorkerScript } from '../../native-workers/workerScripts.js';
import { decideMemoryCap } from '../services/prover/poolSizing.js';
import { NodeWorkerLauncher } from '../services/prover/nodeWorkerLauncher.js';
import { startSpareWorker } from '../services/prover/spareWorker.js';
import { workerLaunchOptions } from '../services/prover/workerSlot.js';

export { discardSpareWorker } from '../services/prover/spareWorker.js';
import { defaultDataDir, resolveDataDir } from '../services/settings/dataDirLocation.js';
import { commandsToLoad } from './commands/index.js';

/** The value of an option given as `--name value` or `--name=value`. */
function optionValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return undefined;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/** The memory cap the settings file asks for, read without validating it: a wrong guess only costs the head start. */
function settingsMemoryCapMb(dataDir: string): number | null {
  try {
    const settings = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as { workerMemoryCapMb?: unknown };
    return typeof settings.workerMemoryCapMb === 'number' ? settings.workerMemoryCapMb : null;
  } catch {
    return null;
  }
}

/** Starts the prover worker when these arguments prove; does nothing for any other command. */
export function startProverEarly(argv: readonly string[]): void {
  if (commandsToLoad(argv)[0] !== 'prove' || argv.includes('--help') || argv.includes('-h')) return;
  const flagCap = Number(optionValue(argv, '--memory-cap'));
  const dataDir = resolveDataDir({ flag: optionValue(argv, '--data-dir'), env: process.env.ZKDESK_DATA_DIR, defaultDir: defaultDataDir() }).dir;
  const capMb = Number.isFinite(flagCap) && flagCap > 0 ? flagCap : settingsMemoryCapMb(dataDir);
  const capBytes = decideMemoryCap({ logicalCores: os.availableParallelism(), totalMemoryBytes: os.totalmem() }, { workerCount: 1, workerMemoryCapMb: capMb }).bytes;
  startSpareWorker(new NodeWorkerLauncher(), workerLaunchOptions({ script: proverWorkerScript, name: 'zkdesk-prover-1', memoryCapBytes: capBytes }));
}
