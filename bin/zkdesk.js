#!/usr/bin/env node
// The CLI runs the compiled TypeScript; `npm ci` builds it through the prepare script.
import { runCli } from '../dist/main/cli/main.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
