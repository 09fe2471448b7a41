// Builds a bundled circuit this install lists but does not ship built (Stress 2^16: a proving
// key of tens of megabytes), from the app, with progress. The build is the project's own
// (scripts/circuits, run as a child process so its snarkjs threads and memory leave with it),
// from a prepared powers-of-tau file only: making one here takes an hour at 2^16, so where none
// is found the plan says so, and what to do, instead of starting. An installed app has no
// compiler (its circuits come built), and says that too.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ZkError } from '../../../common/errors.js';
import {
  circuitBuildStepLabels,
  circuitBuildSteps,
  type CircuitBuildEvent,
  type CircuitBuildPlan,
  type CircuitBuildState,
} from '../../../common/prover/circuitBuild.js';
import { ptauCandidates, ptauFileName, ptauSearchDirs } from '../../../node/ptauFiles.js';

export interface CircuitBuildsOptions {
  /** The bundled circuits: `<id>/circuit.json` and sources, `<id>/build/` once built. */
  circuitsDir: string;
  /** The compiled build script; absent in an installed app. */
  builderScript: string;
  /** Where prepared ptau files are looked for ($ZKDESK_PTAU_DIR, the user's cache). */
  env?: NodeJS.ProcessEnv;
}

interface SourceSpec {
  title: string;
  ptauPower: number;
}

/** Measured on 2 cores (../shared/DESIGN.md): compile plus setup, by the domain's power. */
function durationInWords(power: number): string {
  if (power <= 12) return 'about a minute';
  if (power <= 14) return 'one to three minutes';
  if (power <= 16) return 'three to five minutes';
  return 'many minutes';
}

const STDERR_TAIL_CHARS = 4000;

export class CircuitBuilds {
  private readonly env: NodeJS.ProcessEnv;
  /** The latest build of each circuit this session: running, built or failed. */
  private readonly states = new Map<string, CircuitBuildState>();
  private readonly listeners = new Set<(state: CircuitBuildState) => void>();
  private running: { circuitId: string; child: ChildProcess; cancelled: boolean } | null = null;

  constructor(private readonly options: CircuitBuildsOptions) {
    this.env = options.env ?? process.env;
  }

  /** Listens for each change of any build; returns the unsubscribe. */
  on(listener: (state: CircuitBuildState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The build of this circuit this session, if any. */
  current(circuitId: string): CircuitBuildState | null {
    return this.states.get(circuitId) ?? null;
  }

  private async spec(circuitId: string): Promise<SourceSpec> {
    const dir = path.join(this.options.circuitsDir, circuitId);
    let raw: Partial<SourceSpec>;
    try {
      raw = JSON.parse(await readFile(path.join(dir, 'circuit.json'), 'utf8')) as Partial<SourceSpec>;
    } catch {
      throw new ZkError('E_CIRCUIT_UNKNOWN', `No circuit "${circuitId}" is bundled.`, { circuit: circuitId });
    }
    if (typeof raw.ptauPower !== 'number') throw new ZkError('E_ARTIFACT_CORRUPT', `The circuit.json of "${circuitId}" names no ptauPower.`, { circuit: circuitId });
    return { title: raw.title ?? circuitId, ptauPower: raw.ptauPower };
  }

  /** Whether this install can build the circuit now, and if not, why and what to do instead. */
  async plan(circuitId: string): Promise<CircuitBuildPlan> {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(circuitId)) throw new ZkError('E_CIRCUIT_UNKNOWN', `No circuit "${circuitId}" is bundled.`, { circuit: circuitId });
    const { title, ptauPower } = await this.spec(circuitId);
    const elsewhere = `Ask the zkdesk team for ${title} as a circuit package and open it below, or build it in a source checkout with \`npm run circuits -- --only ${circuitId} --include-large\`.`;
    if (existsSync(path.join(this.options.circuitsDir, circuitId, 'build', 'manifest.json'))) {
      return { circuitId, possible: false, reason: `${title} is built already.`, remedy: 'Choose it in the list.' };
    }
    if (!this.compilerPresent()) {
      return { circuitId, possible: false, reason: 'This install ships its circuits built and has no circuit compiler to build one.', remedy: elsewhere };
    }
    const writable = await access(path.join(this.options.circuitsDir, circuitId), constants.W_OK).then(
      () => true,
      () => false,
    );
    if (!writable) {
      return { circuitId, possible: false, reason: 'The folder that holds the bundled circuits is read-only for this user.', remedy: elsewhere };
    }
    const dirs = ptauSearchDirs(this.env);
    for (const dir of dirs) {
      const [found] = await ptauCandidates(dir, ptauPower);
      if (found) return { circuitId, possible: true, ptauFile: path.basename(found.file), duration: durationInWords(ptauPower) };
    }
    return {
      circuitId,
      possible: false,
      reason: `No prepared powers-of-tau file of power ${ptauPower} or more was found (looked in ${dirs.join(' and ')}); making one here would take up to an hour, so zkdesk does not.`,
      remedy: `Put ${ptauFileName(ptauPower)} (prepared for phase 2; the zkdesk team has it) in one of those folders, or start zkdesk with ZKDESK_PTAU_DIR set to a folder that holds it, then come back here.`,
    };
  }

  /** circom2 is a development dependency: present beside the build script in a checkout only. */
  private compilerPresent(): boolean {
    if (!existsSync(this.options.builderScript)) return false;
    try {
      createRequire(this.options.builderScript).resolve('circom2/package.json');
      return true;
    } catch {
      return false;
    }
  }

  /** Starts the build (one at a time); progress arrives through on(). */
  async start(circuitId: string): Promise<CircuitBuildState> {
    const now = this.states.get(circuitId);
    if (now?.state === 'running') return now;
    if (this.running) throw new ZkError('E_INPUT_INVALID', 'Another circuit is being built: wait until it finishes.', { problem: 'build running', circuit: circuitId });
    const plan = await this.plan(circuitId);
    if (!plan.possible) throw new ZkError('E_CIRCUIT_NOT_BUILT', `${plan.reason} ${plan.remedy}`, { circuit: circuitId });
    const { title } = await this.spec(circuitId);

    let state: CircuitBuildState = {
      circuitId,
      state: 'running',
      steps: circuitBuildSteps.map((step) => ({ step, label: circuitBuildStepLabels[step], state: 'waiting', ms: null })),
      startedAt: new Date().toISOString(),
      error: null,
    };
    const publish = (next: CircuitBuildState): void => {
      state = next;
      this.states.set(circuitId, next);
      for (const listener of this.listeners) listener(next);
    };

    // ELECTRON_RUN_AS_NODE: under an unpackaged Electron, its binary runs the script as Node; Node ignores it.
    const child = spawn(
      process.execPath,
      [this.options.builderScript, '--only', circuitId, '--include-large', '--circuits-dir', this.options.circuitsDir, '--prepared-ptau-only', '--progress-json'],
      { cwd: path.dirname(this.options.builderScript), env: { ...this.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const run = { circuitId, child, cancelled: false };
    this.running = run;
    publish(state);

    let outcome: Extract<CircuitBuildEvent, { type: 'outcome' }> | null = null;
    let pending = '';
    let stderrTail = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        let event: CircuitBuildEvent;
        try {
          event = JSON.parse(line) as CircuitBuildEvent;
        } catch {
          continue;
        }
        if (event.type === 'outcome') outcome = event;
        else if (event.circuit === circuitId) {
          publish({
            ...state,
            steps: state.steps.map((s) => (s.step === event.step ? { ...s, state: event.state === 'started' ? 'running' : 'done', ms: event.ms ?? null } : s)),
          });
        }
      }
    });
    child.stderr.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    let finished = false;
    const finish = (code: number | null, why?: string): void => {
      // A spawn failure may be followed by 'close': the first word stands.
      if (finished) return;
      finished = true;
      if (this.running === run) this.running = null;
      const result = outcome as Extract<CircuitBuildEvent, { type: 'outcome' }> | null;
      if (code === 0 && result?.status === 'built') {
        publish({ ...state, state: 'built' });
        return;
      }
      if (run.cancelled) {
        const error = new ZkError('E_CANCELLED', `The build of ${title} was stopped; nothing of it is used. It can be started again.`, { circuit: circuitId });
        publish({ ...state, state: 'cancelled', steps: state.steps.map((s) => (s.state === 'running' ? { ...s, state: 'stopped' } : s)), error: error.toPayload() });
        return;
      }
      const reason = result?.reason || why || stderrTail.trim().split('\n').at(-1) || `the build stopped (exit ${code})`;
      const error = new ZkError('E_CIRCUIT_NOT_BUILT', `The build of ${title} failed: ${reason}`, { circuit: circuitId, exitCode: code });
      publish({ ...state, state: 'failed', steps: state.steps.map((s) => (s.state === 'running' ? { ...s, state: 'failed' } : s)), error: error.toPayload() });
    };
    child.on('error', (error) => finish(null, error.message));
    child.on('close', (code) => finish(code));
    return state;
  }

  /**
   * Stops this circuit's build, if it is running; true when it was. Its half-built folder has no
   * manifest (the build removes it first and writes it last), so it never reads as built.
   */
  cancel(circuitId: string): boolean {
    if (this.running?.circuitId !== circuitId) return false;
    this.running.cancelled = true;
    this.running.child.kill('SIGKILL');
    return true;
  }

  /** Stops a build still running (the host is closing). */
  close(): void {
    if (this.running) this.cancel(this.running.circuitId);
  }
}
