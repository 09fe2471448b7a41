// `npm run circuits [-- --only a,b] [--include-large] [--force] [--check] [--circuits-dir DIR]`
// Builds each circuit under resources/circuits/ into its build/ folder, skipping those whose
// manifest already matches their sources. See circuitBuilder.ts for what a build does.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CIRCUITS_DIR, runCircuitBuild } from './circuitBuilder.js';
import type { CircuitBuildEvent } from '../../common/prover/circuitBuild.js';

const USAGE = `Usage: npm run circuits -- [options]
  --only <id,...>         build only these circuits
  --include-large         also build circuits marked committed: false (stress-16)
  --force                 rebuild even when up to date
  --check                 only report what is out of date (exit 1 if anything is)
  --circuits-dir <dir>    default ${DEFAULT_CIRCUITS_DIR}
  --prepared-ptau-only    never make a development ptau (an hour at 2^16): fail when none is prepared
  --progress-json         one JSON line per step and outcome on stdout, the log on stderr (the app reads it)
Powers of tau: $ZKDESK_PTAU_DIR first, then $XDG_CACHE_HOME/zkdesk/ptau (or ~/.cache/zkdesk/ptau).`;

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'node_modules'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json with node_modules above ${from}`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      'include-large': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      'circuits-dir': { type: 'string', default: DEFAULT_CIRCUITS_DIR },
      'prepared-ptau-only': { type: 'boolean', default: false },
      'progress-json': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
  const started = performance.now();
  const json = values['progress-json'];
  const emit = (event: CircuitBuildEvent): void => void process.stdout.write(`${JSON.stringify(event)}\n`);
  const outcomes = await runCircuitBuild({
    ...(json ? { log: (line: string) => console.error(line), onStep: emit } : {}),
    makePtau: !values['prepared-ptau-only'],
    repoRoot,
    circuitsDir: path.resolve(values['circuits-dir']),
    only: values.only?.split(',').map((id) => id.trim()).filter(Boolean),
    includeLarge: values['include-large'],
    force: values.force,
    check: values.check,
  });
  if (json) for (const o of outcomes) emit({ type: 'outcome', circuit: o.id, status: o.status, reason: o.reason });
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  (json ? console.error : console.log)(
    `circuits: ${count('built')} built, ${count('up to date')} up to date, ${count('skipped')} skipped, ` +
      `${count('out of date')} out of date, ${count('failed')} failed (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return count('failed') > 0 || count('out of date') > 0 ? 1 : 0;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  // ffjavascript's worker threads keep the process alive until the curve is terminated.
  .finally(async () => {
    const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128;
    await curve?.terminate();
  });
