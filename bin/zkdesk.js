#!/usr/bin/env node
// The CLI runs the compiled TypeScript; `npm ci` builds it through the prepare script.
// `prove` starts its worker process first, so that it starts while the command's code loads;
// other commands (`--version`, help) load none of that.
const argv = process.argv.slice(2);
const headStart = argv.includes('prove') ? await import('../dist/main/cli/proverHeadStart.js') : null;
headStart?.startProverEarly(argv);
const { runCli } = await import('../dist/main/cli/main.js');

runCli(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
).finally(() => headStart?.discardSpareWorker());
