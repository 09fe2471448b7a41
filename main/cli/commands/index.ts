// The command list: one line per command file.
import type { Command } from 'commander';
import { registerBundleCommand } from './bundle.js';
import { registerCalibrateCommand } from './calibrate.js';
import { registerCircuitsCommand } from './circuits.js';
import { registerDoctorCommand } from './doctor.js';
import { registerFeedbackCommand } from './feedback.js';
import { registerHelpCommand } from './help.js';
import { registerInspectCommand } from './inspect.js';
import { registerProfileCommand } from './profile.js';
import { registerProveCommand } from './prove.js';
import { registerReleaseCommand } from './release.js';
import { registerServeCommand } from './serve.js';
import { registerVerifyCommand } from './verify.js';

export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [
  registerBundleCommand,
  registerCalibrateCommand,
  registerCircuitsCommand,
  registerDoctorCommand,
  registerFeedbackCommand,
  registerHelpCommand,
  registerInspectCommand,
  registerProfileCommand,
  registerProveCommand,
  registerReleaseCommand,
  registerServeCommand,
  registerVerifyCommand,
];
