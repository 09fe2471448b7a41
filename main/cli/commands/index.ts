// The command list: one line per command file.
import type { Command } from 'commander';

export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [];
