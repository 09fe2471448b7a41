// `zkdesk calibrate`: measures how fast this machine proves, for the estimator.
import type { Command } from 'commander';
import { makeContext } from '../cliContext.js';
import { formatMs } from '../textFormat.js';
import { openCliServices } from '../openServices.js';

export function registerCalibrateCommand(program: Command): void {
  program
    .command('calibrate')
    .description('measure how fast this machine proves (multi-scalar multiplication, FFT, witness, a reference proof)')
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const services = await openCliServices(ctx, 'cli');
      try {
        if (!ctx.json) ctx.out('Calibrating this machine (about 15 s)…');
        const calibration = await services.runCalibration();
        if (ctx.json) {
          ctx.printJson(calibration);
          return;
        }
        const row = (label: string, timings: { power: number; ms: number }[]) => `  ${label.padEnd(18)} ${timings.map((t) => `2^${t.power}: ${formatMs(t.ms)}`).join('   ')}`;
        ctx.out(row('G1 multi-scalar', calibration.g1Msm));
        ctx.out(row('G2 multi-scalar', calibration.g2Msm));
        ctx.out(row('FFT (inverse+fwd)', calibration.fft));
        ctx.out(`  pairing            ${formatMs(calibration.pairingMs)}`);
        const ref = calibration.reference;
        if (ref) ctx.out(`  reference proof    ${ref.circuitId}: prove ${formatMs(ref.proveMs)}, witness ${formatMs(ref.witnessMs)}, verify ${formatMs(ref.verifyMs)}`);
        ctx.out(`Saved under ${services.calibration.file} (${calibration.threads} threads, took ${formatMs(calibration.durationMs)}).`);
      } finally {
        await services.close();
      }
    });
}
