// `zkdesk` from an installed app: the launcher scripts (resources/bin/zkdesk, zkdesk.cmd) start
// the app's binary with --zkdesk-cli, and a deb's /usr/bin/zkdesk link starts it with a command
// name first. Either way the main process runs the same CLI code as bin/zkdesk.js, with no window.
// Only the commands a support engineer needs on a tester's machine: release and serve stay with
// the Node CLI of a checkout.
import { runCli } from './main.js';

export const cliModeFlag = '--zkdesk-cli';

export const installedCommands = ['doctor', 'profile', 'bundle', 'inspect', 'prove', 'verify', 'circuits', 'help'] as const;

/**
 * The CLI arguments in an app's argv, or null when the app should open its window. `argv` is
 * process.argv: the binary first; a packaged app has no script argument.
 */
export function installedCliArgs(argv: readonly string[]): string[] | null {
  const args = argv.slice(1);
  const flagAt = args.indexOf(cliModeFlag);
  if (flagAt >= 0) return [...args.slice(0, flagAt), ...args.slice(flagAt + 1)].filter((a) => !a.startsWith('--no-sandbox'));
  const first = args[0];
  if (first !== undefined && (installedCommands as readonly string[]).includes(first)) return args;
  if (first === '--version' || first === '-V') return args;
  return null;
}

/** Runs a command the installed app offers; any other gets a sentence and exit code 2. */
export async function runInstalledCli(args: string[], write: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  const command = args.find((a) => !a.startsWith('-'));
  if (command !== undefined && !(installedCommands as readonly string[]).includes(command)) {
    write(`zkdesk: "${command}" is not available in the installed app; it offers ${installedCommands.join(', ')}.\n`);
    return 2;
  }
  return runCli(args);
}
