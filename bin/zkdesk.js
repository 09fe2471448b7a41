#!/usr/bin/env node
// The CLI runs the compiled TypeScript; `npm ci` builds it through the prepare script, with a
// bundle of it that starts faster (dist/node/cliBundle.js says which is loaded).
// `prove` starts its worker process first, so that it starts while the command's code loads;
// other commands (`--version`, help) load none of that.
import { cliEntry } from '../dist/node/cliBundle.js';

const argv = process.argv.slice(2);
const headStart = argv.includes('prove') ? await import(cliEntry('proverHeadStart.js')) : null;
headStart?.startProverEarly(argv);
const { runCli } = await import(cliEntry('main.js'));

runCli(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
).finally(() => headStart?.discardSpareWorker());
