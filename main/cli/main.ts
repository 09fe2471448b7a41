// `zkdesk` on the command line. Each command lives in commands/<name>.ts and registers itself
// here; this file only composes them and turns failures into exit codes.
import { ZkError } from '../../common/errors.js';
import { reportFailure, type GlobalOptions } from './cliContext.js';
import { openCommandLog, type CommandLog } from './commandLog.js';
import { asksUsage, asksVersion, commandsToLoad, loadCommands, registerSummaries } from './commands/index.js';
import { appVersion } from './appVersion.js';

export async function runCli(argv: string[]): Promise<number> {
  // Answered here, not by commander's .version(): commander also reads root options after a
  // subcommand, where `release feed build --version 3.0.0` means the release's version.
  if (asksVersion(argv)) {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  // Loaded here, not at the top: `--version` (and the prover's head start) never need it.
  const { Command, CommanderError } = await import('commander');
  const program = new Command('zkdesk')
    .description('Desktop ZK prover and diagnostics')
    .option('--data-dir <dir>', 'where settings, history, logs and caches live')
    .option('--json', 'print machine-readable JSON')
    .option('--verbose', 'print stack traces and debug detail')
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', '\n`zkdesk --version` prints the version.');
  for (const register of await loadCommands(argv)) register(program);
  registerSummaries(program, commandsToLoad(argv));
  if (asksUsage(argv)) {
    program.outputHelp();
    return 0;
  }

  let exitCode = 0;
  let log: CommandLog | null = null;
  program.hook('preAction', async (_root, action) => {
    exitCode = 0;
    // A log that cannot be opened (an unwritable data directory) must not stop the command.
    log = await openCommandLog(program.opts<GlobalOptions>(), action).catch(() => null);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    exitCode = process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const zk = ZkError.wrap(error);
    (log as CommandLog | null)?.failed(zk.code, zk.helpId);
    exitCode = reportFailure(zk, program.opts<GlobalOptions>());
  } finally {
    (log as CommandLog | null)?.close();
  }
  return exitCode;
}
