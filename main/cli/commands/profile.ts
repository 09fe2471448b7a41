// `zkdesk profile [--json]`: what zkdesk sees of this machine, as tables or as the profile JSON.
import type { Command } from 'commander';
import { makeContext } from '../cliContext.js';
import { collectWholeProfile } from '../../services/profiler/profileCollector.js';
import { renderProfile } from '../profileReport.js';
import { workerRuntimeProbe } from '../workerRuntimeProbe.js';

export function registerProfileCommand(program: Command): void {
  program
    .command('profile')
    .description('show the machine profile: CPU, memory, GPU, OS, power, load, disk, runtime')
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      // A busy machine's slow probes are waited for (asked again in the background), not printed as unavailable.
      const profile = await collectWholeProfile({ dataDir: ctx.dataDir, probes: workerRuntimeProbe });
      if (ctx.json) ctx.printJson(profile);
      else ctx.out(renderProfile(profile));
    });
}
