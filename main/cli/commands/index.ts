// The command list: one line per command file. Each file is loaded only when its command runs,
// so `zkdesk help …` or `zkdesk circuits` does not first load snarkjs, systeminformation and the
// update client that `prove` and `doctor` need.
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

/** The global options that take a value: their value is not a command name. */
const OPTIONS_WITH_VALUE = new Set(['--data-dir']);

/**
 * Which commands these arguments need registered: just the one named, or every one when the
 * output may list them all (no command, an unknown one, `--help` at the top, `help <command>`).
 */
export function commandsToLoad(argv: readonly string[]): string[] {
  const all = Object.keys(commandLoaders);
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
  const [name, topic] = words;
  if (name === undefined && (argv.includes('-V') || argv.includes('--version'))) return [];
  if (name === undefined || !(name in commandLoaders)) return all;
  if (name === 'help' && (topic === undefined || topic in commandLoaders)) return all;
  return [name];
}

/** The registrations these arguments need, loaded. */
export async function loadCommands(argv: readonly string[]): Promise<CommandRegistration[]> {
  return Promise.all(commandsToLoad(argv).flatMap((name) => (commandLoaders[name] ? [commandLoaders[name]()] : [])));
}
