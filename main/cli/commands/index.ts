// The command list: one line per command file. Each file is loaded only when its command runs,
// so `zkdesk help …` or `zkdesk circuits` does not first load snarkjs, systeminformation and the
// update client that `prove` and `doctor` need. The usage that lists every command comes from
// commandSummaries below, so listing them loads none of them.
// Types only: `--version` and the prover's head start read the command line without loading commander.
import type { Command } from 'commander';

export type CommandRegistration = (program: Command) => void;

export const commandLoaders: Record<string, () => Promise<CommandRegistration>> = {
  bundle: async () => (await import('./bundle.js')).registerBundleCommand,
  calibrate: async () => (await import('./calibrate.js')).registerCalibrateCommand,
  circuits: async () => (await import('./circuits.js')).registerCircuitsCommand,
  doctor: async () => (await import('./doctor.js')).registerDoctorCommand,
  feedback: async () => (await import('./feedback.js')).registerFeedbackCommand,
  help: async () => (await import('./help.js')).registerHelpCommand,
  inspect: async () => (await import('./inspect.js')).registerInspectCommand,
  profile: async () => (await import('./profile.js')).registerProfileCommand,
  prove: async () => (await import('./prove.js')).registerProveCommand,
  release: async () => (await import('./release.js')).registerReleaseCommand,
  serve: async () => (await import('./serve.js')).registerServeCommand,
  verify: async () => (await import('./verify.js')).registerVerifyCommand,
};

/**
 * What the top-level usage shows for each command: its term (as commander writes it, from the
 * command's options and arguments) and its description. A unit test checks it against the
 * commands themselves.
 */
export const commandSummaries: Record<string, { term: string; description: string }> = {
  bundle: { term: 'bundle [options]', description: 'write a redacted diagnostics bundle (zip) for support' },
  calibrate: { term: 'calibrate', description: 'measure how fast this machine proves (multi-scalar multiplication, FFT, witness, a reference proof)' },
  circuits: { term: 'circuits', description: 'list the bundled circuits with their sizes' },
  doctor: { term: 'doctor [options]', description: 'check this machine end to end: profile, warnings, a real proof, predicted vs measured, verdict' },
  feedback: { term: 'feedback [options]', description: 'send beta feedback (kept in an outbox until it is delivered)' },
  help: { term: 'help [options] [topic]', description: 'show a help article (e.g. errors/E_OUT_OF_MEMORY, warnings/on-battery), search them, or show usage' },
  inspect: { term: 'inspect [options] <bundle...>', description: 'check and summarise a diagnostics bundle, or compare two with --diff' },
  profile: { term: 'profile', description: 'show the machine profile: CPU, memory, GPU, OS, power, load, disk, runtime' },
  prove: { term: 'prove [options]', description: 'prove with a bundled circuit (--circuit), a circuit package (--package) or bare files (--wasm --zkey)' },
  release: { term: 'release', description: 'build, stage, promote and roll back update feeds' },
  serve: { term: 'serve [options]', description: 'serve the zkdesk UI on 127.0.0.1 for a browser (headless host), behind a random token' },
  verify: { term: 'verify [options]', description: 'verify a Groth16 proof' },
};

/** The global options that take a value: their value is not a command name. */
const OPTIONS_WITH_VALUE = new Set(['--data-dir']);

/** The words of the command line that are not options or their values. */
function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  return words;
}

/** `zkdesk --version` (or -V) with no command. */
export function asksVersion(argv: readonly string[]): boolean {
  return commandWords(argv).length === 0 && (argv.includes('-V') || argv.includes('--version'));
}

/** `zkdesk help` alone: the top-level usage, as `zkdesk --help` gives it. */
export function asksUsage(argv: readonly string[]): boolean {
  const words = commandWords(argv);
  return words.length === 1 && words[0] === 'help' && !argv.some((arg) => arg.startsWith('--search') || arg.startsWith('--depth'));
}

/**
 * Which command modules these arguments need: the one named (with `help <command>`, that
 * command too, for its usage), or none when only the list of commands is shown (no command, an
 * unknown one, `--help` at the top, `help` alone, `--version`): commandSummaries has that.
 */
export function commandsToLoad(argv: readonly string[]): string[] {
  const [name, topic] = commandWords(argv);
  if (name === undefined || !(name in commandLoaders) || asksUsage(argv)) return [];
  if (name === 'help' && topic !== undefined && topic in commandLoaders && topic !== 'help') return ['help', topic];
  return [name];
}

/** The registrations these arguments need, loaded. */
export async function loadCommands(argv: readonly string[]): Promise<CommandRegistration[]> {
  return Promise.all(commandsToLoad(argv).flatMap((name) => (commandLoaders[name] ? [commandLoaders[name]()] : [])));
}

/**
 * Registers the commands that are not loaded by name, description and usage term only, so the
 * top-level usage lists them; the run never reaches one (a command named is always loaded).
 */
export function registerSummaries(program: Command, loaded: readonly string[]): void {
  const summarised = new Set<Command>();
  for (const [name, summary] of Object.entries(commandSummaries)) {
    if (!loaded.includes(name)) summarised.add(program.command(name).description(summary.description));
  }
  const plain = program.createHelp();
  program.configureHelp({ subcommandTerm: (cmd) => (summarised.has(cmd) ? (commandSummaries[cmd.name()]?.term ?? cmd.name()) : plain.subcommandTerm(cmd)) });
}
