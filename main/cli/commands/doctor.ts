// `zkdesk doctor`: the app's main job without a display. Profiles the machine, calibrates it
// if it never was, lists the warnings, proves a small bundled circuit for real, compares the
// prediction with the measurement, and gives the verdict. Exit 0 ready, 1 degraded, 2 not
// supported, 3 when the check itself could not run (an unknown circuit, an unreadable data
// directory): a script must never read "could not check" as "degraded".
import { CommanderError, type Command } from 'commander';
import { ZkError } from '../../../common/errors.js';
import { makeContext, reportFailure } from '../cliContext.js';
import { formatMs } from '../textFormat.js';
import { formatBytes } from '../../../common/format/byteUnits.js';
import { openCliServices } from '../openServices.js';
import { exitCodeFor, verdictFrom } from '../../../common/advisor/readiness.js';
import type { AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

const DOCTOR_COULD_NOT_RUN = 3;

const severityMark: Record<AdvisorWarning['severity'], string> = { blocker: '✗', warning: '!', info: 'i' };

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check this machine end to end: profile, warnings, a real proof, predicted vs measured, verdict')
    .option('--circuit <id>', 'the bundled circuit to prove', 'stress-12')
    // A mistyped option is "could not check", not the degraded verdict commander's exit 1 would say.
    .exitOverride((error) => {
      throw error.exitCode === 0 ? error : new CommanderError(DOCTOR_COULD_NOT_RUN, error.code, error.message);
    })
    .action(async (opts: { circuit: string }, cmd: Command) => {
      try {
        await runDoctor(opts, cmd);
      } catch (error) {
        reportFailure(error, cmd.optsWithGlobals());
        process.exitCode = DOCTOR_COULD_NOT_RUN;
      }
    });
}

async function runDoctor(opts: { circuit: string }, cmd: Command): Promise<void> {
  const ctx = makeContext(cmd.optsWithGlobals());
  const say = (text: string) => {
    if (!ctx.json) ctx.out(text);
  };
  const services = await openCliServices(ctx, 'cli');
  try {
    if (services.settingsRecovery) say(`! ${services.settingsRecovery.message}`);
    const profile = await services.profiles.current({ fresh: true });
    const cpu = profile.cpu.status === 'ok' ? `${profile.cpu.brand}, ${profile.cpu.logicalCores} threads` : 'CPU unknown';
    const mem = profile.memory.status === 'ok' ? `${formatBytes(profile.memory.totalBytes)} memory, ${formatBytes(profile.memory.availableBytes)} available` : 'memory unknown';
    const osLine = profile.os.status === 'ok' ? `${profile.os.distro} ${profile.os.release} (${profile.os.arch})` : 'OS unknown';
    say(`Machine: ${cpu}; ${mem}; ${osLine}`);
    // An unknown or unbuilt circuit is known before the calibration's quarter of a minute, not after.
    await services.resolveCircuit(opts.circuit);

    let calibration = await services.currentCalibration();
    const calibrated = calibration === null;
    if (!calibration) {
      say('Calibrating this machine (first run, about 15 s)…');
      calibration = await services.runCalibration();
    }

    const { circuit, advice, estimate } = await services.advisor.circuit(opts.circuit);
    say(`\nWarnings (${advice.warnings.length}):`);
    if (advice.warnings.length === 0) say('  none');
    for (const w of advice.warnings) say(`  ${severityMark[w.severity]} ${w.title}: ${w.detail}\n      fix: ${w.fix}  (help: ${w.helpId})`);

    say(`\nProving ${circuit.title} (predicted ${formatMs(estimate.totalMs)}, peak ${formatBytes(estimate.peakMemoryBytes)})…`);
    const input = await services.circuits.sampleInput(circuit.id);
    let measured: { totalMs: number; proveMs: number; peakRssBytes: number; backend: 'native' | 'snarkjs' } | null = null;
    let proofError: ZkError | null = null;
    try {
      const result = await (await services.prover.submit({ circuit, input })).result;
      measured = {
        totalMs: result.timings.witnessMs + result.timings.proveMs + result.timings.verifyMs,
        proveMs: result.timings.proveMs,
        peakRssBytes: result.peakRssBytes,
        backend: result.backend,
      };
    } catch (error) {
      proofError = ZkError.wrap(error);
    }
    const errorPercent = measured && estimate.totalMs > 0 ? ((estimate.totalMs - measured.totalMs) / measured.totalMs) * 100 : null;
    if (measured) {
      say(`  ✓ verified in ${formatMs(measured.totalMs)} by ${measured.backend === 'native' ? 'the native prover' : 'snarkjs (no native prover on this machine)'} (predicted ${formatMs(estimate.totalMs)}, ${errorPercent === null ? 'no prediction' : `${errorPercent >= 0 ? '+' : ''}${errorPercent.toFixed(0)} %`}); peak memory ${formatBytes(measured.peakRssBytes)}`);
    } else if (proofError) {
      say(`  ✗ ${proofError.code}: ${proofError.message}`);
    }

    // A machine that cannot prove the small circuit is not supported, whatever the warnings say.
    const verdict = proofError
      ? { readiness: 'not-supported' as const, reasons: [`the test proof failed: ${proofError.message}`, ...verdictFrom(advice.warnings).reasons] }
      : advice.verdict;
    const exitCode = exitCodeFor(verdict.readiness);
    say(`\nVerdict: ${verdict.readiness}${verdict.reasons.length ? ` (${verdict.reasons.join('; ')})` : ''}`);
    if (ctx.json) {
      ctx.printJson({
        ok: proofError === null,
        verdict,
        exitCode,
        machine: { cpu, memory: mem, os: osLine, fingerprint: profile.fingerprint.sha256 },
        calibration: { measuredNow: calibrated, measuredAt: calibration.measuredAt },
        warnings: advice.warnings,
        circuit: { id: circuit.id, constraints: circuit.manifest?.constraints ?? null, domainPower: circuit.header.domainPower },
        estimate,
        measured,
        predictionErrorPercent: errorPercent,
        error: proofError?.toPayload() ?? null,
      });
    }
    process.exitCode = exitCode;
  } finally {
    await services.close();
  }
}
