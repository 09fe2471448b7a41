// One prover worker started before the CLI loads the code of its command: a worker takes about
// as long to start (Node, then its own modules) as the command takes to load, so the two overlap.
// The pool takes it on its first launch when the options match what the pool would launch
// (memory cap, environment); otherwise it is killed and the pool starts its own.
import type { WorkerToMain } from '../../../common/workerProtocol.js';
import type { LaunchOptions, WorkerLauncher, WorkerProcess } from './workerLauncher.js';

let spare: { key: string; process: WorkerProcess } | null = null;

/** What must be equal for a started worker to stand in for one the pool launches (not its name). */
function launchKey(options: LaunchOptions): string {
  const env = Object.entries(options.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([options.script, options.maxOldSpaceMb ?? null, env]);
}

/**
 * A started worker that keeps what it says until someone listens: its 'ready' may come before
 * the pool subscribes, and a message nobody hears is lost. What was held goes to every listener
 * that subscribed in the same turn (a slot subscribes more than once as it is built).
 */
function holdMessages(process: WorkerProcess): WorkerProcess {
  const held: WorkerToMain[] = [];
  const listeners: Array<(message: WorkerToMain) => void> = [];
  let holding = true;
  process.onMessage((message) => {
    if (holding) held.push(message);
    else for (const listener of listeners) listener(message);
  });
  const release = (): void => {
    holding = false;
    for (const message of held.splice(0)) for (const listener of listeners) listener(message);
  };
  return {
    get pid() {
      return process.pid;
    },
    post: (message) => process.post(message),
    onMessage: (listener) => {
      listeners.push(listener);
      if (listeners.length === 1) queueMicrotask(release);
    },
    onExit: (listener) => process.onExit(listener),
    kill: () => process.kill(),
  };
}

/** Starts the spare worker now (replacing one not taken); returns its process id. */
export function startSpareWorker(launcher: WorkerLauncher, options: LaunchOptions): number | undefined {
  discardSpareWorker();
  spare = { key: launchKey(options), process: holdMessages(launcher.launch(options)) };
  return spare.process.pid;
}

/** The spare worker if it was started with these options, else null (and a spare that differs is killed). */
export function takeSpareWorker(options: LaunchOptions): WorkerProcess | null {
  if (!spare) return null;
  const taken = spare;
  spare = null;
  if (taken.key === launchKey(options)) return taken.process;
  taken.process.kill();
  return null;
}

/** Kills a spare nobody took: the command failed before proving, or proved nothing. */
export function discardSpareWorker(): void {
  spare?.process.kill();
  spare = null;
}
