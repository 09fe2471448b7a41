// The command list: one line per command file.
import type { Command } from 'commander';
import { registerCircuitsCommand } from './circuits.js';
import { registerProfileCommand } from './profile.js';
import { registerProveCommand } from './prove.js';
import { registerReleaseCommand } from './release.js';
import { registerVerifyCommand } from './verify.js';

export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [
  registerCircuitsCommand,
  registerProfileCommand,
  registerProveCommand,
  registerReleaseCommand,
  registerVerifyCommand,
];
