// `zkdesk circuits`: the bundled circuits, their sizes, and whether their keys are built.
import type { Command } from 'commander';
import { makeContext } from '../cliContext.js';
import { CircuitCatalogue } from '../../services/prover/circuitCatalogue.js';
import { bundledCircuitsDir } from '../../../node/resourcePaths.js';
import { formatTable } from '../textFormat.js';
import { formatBytes } from '../../../common/format/byteUnits.js';

export function registerCircuitsCommand(program: Command): void {
  program
    .command('circuits')
    .description('list the bundled circuits with their sizes')
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      // A CLI run opens no packages: the catalogue's bundled part is the whole list.
      const circuits = (await new CircuitCatalogue({ circuitsDir: bundledCircuitsDir(), dataDir: ctx.dataDir }).list()).bundled;
      if (ctx.json) {
        ctx.printJson(
          circuits.map((c) => ({
            id: c.id,
            title: c.title,
            built: c.built,
            problem: c.problem,
            constraints: c.manifest?.constraints ?? null,
            domainPower: c.manifest?.domainPower ?? null,
            publicSignals: c.manifest?.publicSignals ?? null,
            zkeyBytes: c.manifest?.artifacts.zkey.bytes ?? null,
            ceremony: c.manifest?.ceremony.kind ?? null,
          })),
        );
        return;
      }
      const rows = circuits.map((c) => [
        c.id,
        c.title,
        c.manifest ? c.manifest.constraints.toLocaleString('en-US') : '-',
        c.manifest ? `2^${c.manifest.domainPower}` : '-',
        c.manifest ? formatBytes(c.manifest.artifacts.zkey.bytes) : '-',
        c.problem ? `invalid: ${c.problem}` : c.built ? 'ready' : 'not built (npm run circuits -- --include-large)',
      ]);
      ctx.out(formatTable(['id', 'title', 'constraints', 'domain', 'proving key', 'status'], rows));
      if (circuits.some((c) => c.manifest)) ctx.out('Keys come from a development ceremony: not for production.');
    });
}
