// `zkdesk prove`: one proof in a worker process, written in snarkjs's format.
import { predictedMsForCli } from '../provePrediction.js';
import path from 'node:path';
import type { Command } from 'commander';
import { ZkError, type ErrorPayload } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import { readInputFile, resolveCircuitArgs, type CircuitArgs } from '../circuitArgs.js';
import { formatMs } from '../textFormat.js';
import { formatBytes } from '../../../common/format/byteUnits.js';
import { CircuitCatalogue } from '../../services/prover/circuitCatalogue.js';
import { openCliProver } from '../openServices.js';
import { bundledCircuitsDir } from '../../../node/resourcePaths.js';
import { writeFileAtomic } from '../../services/files/atomicWrite.js';

interface ProveOptions extends CircuitArgs {
  input?: string;
  sample?: boolean;
  out?: string;
  timeout?: string;
  memoryCap?: string;
}

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new ZkError('E_INPUT_INVALID', `${flag} must be a positive number, not "${value}".`, { problem: flag });
  return n;
}

export function registerProveCommand(program: Command): void {
  program
    .command('prove')
    .description('prove with a bundled circuit (--circuit), a circuit package (--package) or bare files (--wasm --zkey)')
    .option('--circuit <id>', 'a bundled circuit id (see `zkdesk circuits`)')
    .option('--package <path>', 'a circuit package: a folder or zip with manifest.json')
    .option('--wasm <file>', 'the circuit wasm')
    .option('--zkey <file>', 'the Groth16 proving key')
    .option('--vkey <file>', 'the verification key (exported from the zkey if omitted)')
    .option('--input <file>', 'the input JSON')
    .option('--sample', "use the circuit's shipped sample input")
    .option('--out <dir>', 'write proof.json and public.json here')
    .option('--timeout <seconds>', 'stop the proof after this long')
    .option('--memory-cap <mb>', "cap the worker's memory")
    .action(async (opts: ProveOptions, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      if (!opts.input && !opts.sample) throw new ZkError('E_INPUT_INVALID', 'Give the input with --input <file.json> (or --sample).', { problem: 'missing --input' });
      const timeoutSec = positiveNumber(opts.timeout, '--timeout');
      const capMb = positiveNumber(opts.memoryCap, '--memory-cap');

      // One proof: one worker. The cap and time limit follow the flags, else the settings. The
      // worker (a process, then the curve's threads: about half a second) starts while the
      // circuit is resolved and its input read, not after.
      const circuits = new CircuitCatalogue({ circuitsDir: bundledCircuitsDir(), dataDir: ctx.dataDir });
      const limits = { workerCount: 1, ...(capMb ? { workerMemoryCapMb: capMb } : {}), ...(timeoutSec ? { jobTimeoutMs: timeoutSec * 1000 } : {}) };
      const opening = openCliProver(ctx, limits, circuits);
      void opening.then((s) => s.warmUp()).catch(() => {});
      let circuit: Awaited<ReturnType<typeof resolveCircuitArgs>>;
      let input: unknown;
      try {
        circuit = await resolveCircuitArgs(opts, circuits);
        input = opts.input ? await readInputFile(path.resolve(opts.input)) : await circuits.sampleInput(circuit.id);
      } catch (error) {
        await opening.then((s) => s.close()).catch(() => {});
        throw error;
      }
      const services = await opening;
      // The estimate the app would show, kept with the job as the app keeps it (null when this machine is not calibrated).
      const predictedMs = await predictedMsForCli(services, circuit.id);
      if (services.memoryCapRaised) process.stderr.write(`note: ${services.memoryCapRaised.reason}\n`);
      const prover = services.prover;
      const showProgress = !ctx.json && process.stderr.isTTY;
      if (showProgress) {
        let lastStage: string | null = null;
        prover.on((event) => {
          if (event.type === 'job' && event.job.stage && event.job.stage !== lastStage) {
            lastStage = event.job.stage;
            process.stderr.write(`  ${event.job.stage}…\n`);
          }
        });
      }
      // The proof stands even when its history record cannot be saved; say so rather than lose it quietly.
      let historyError: ErrorPayload | null = null;
      prover.on((event) => {
        if (event.type === 'finished' && event.historyError) historyError = event.historyError;
      });
      try {
        const handle = await prover.submit({ circuit, input, predictedMs });
        const result = await handle.result;
        let files: { proof: string; public: string } | null = null;
        if (opts.out) {
          const dir = path.resolve(opts.out);
          files = { proof: path.join(dir, 'proof.json'), public: path.join(dir, 'public.json') };
          await writeFileAtomic(files.proof, `${JSON.stringify(result.proof, null, 1)}\n`);
          await writeFileAtomic(files.public, `${JSON.stringify(result.publicSignals, null, 1)}\n`);
        }
        if (ctx.json) {
          ctx.printJson({
            ok: true,
            jobId: result.jobId,
            circuitId: result.circuitId,
            verified: result.verified,
            backend: result.backend,
            timings: result.timings,
            predictedMs,
            peakRssBytes: result.peakRssBytes,
            memoryCapBytes: prover.memoryCapBytes,
            workerPid: result.workerPid,
            publicSignals: result.publicSignals,
            files,
            historyError,
          });
        } else {
          const t = result.timings;
          ctx.out(`✓ verified proof of ${circuit.title} in ${formatMs(t.totalMs)}${predictedMs !== null ? ` (predicted ${formatMs(predictedMs)})` : ''}`);
          ctx.out(`  witness ${formatMs(t.witnessMs)} · prove ${formatMs(t.proveMs)} (${result.backend === 'native' ? 'native prover' : 'snarkjs'}) · verify ${formatMs(t.verifyMs)} · peak memory ${formatBytes(result.peakRssBytes)}`);
          ctx.out(files ? `  wrote ${files.proof} and ${files.public}` : `  public signals: ${result.publicSignals.join(', ')}`);
        }
        const unsaved = historyError as ErrorPayload | null;
        if (unsaved) process.stderr.write(`warning ${unsaved.code}: the proof is fine, but it could not be added to the job history. ${unsaved.message}\n  help: zkdesk help ${unsaved.helpId}\n`);
      } finally {
        await services.close();
      }
    });
}
