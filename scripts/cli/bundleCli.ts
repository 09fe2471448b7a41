// Bundles the Node CLI (bin/zkdesk.js's two entries, dist/main/cli/main.js and proverHeadStart.js)
// into dist/cli/ with esbuild: one file per entry and one per command or service loaded on demand,
// with the npm packages they use inside. Node 20 resolves, reads and compiles each ES module on
// its own (there is no compile cache before Node 22): `zkdesk prove` loaded about 500 modules
// before it could submit its job, about half of its 0.5 s start, and a bundle loads the same
// code in a few files. It is built from the compiled JavaScript, after `tsc -b`, so it runs
// exactly that code; bin/zkdesk.js uses it only while it is newer than the last `tsc -b`
// (cliBundle.ts), so a rebuild of the sources is never shadowed by a stale bundle.
//
// Left outside: snarkjs, ffjavascript and circom_runtime (the curve they share is kept on
// globalThis by whichever copy of ffjavascript loads it: there must be one), electron, and the
// packages that find files beside their own code (__dirname does not exist in an ES module
// bundle): better-sqlite3 (its native addon, for `release collect`) and pino (its transport workers).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../../node/resourcePaths.js';
import { cliBundleDir } from '../../node/cliBundle.js';

const root = projectRoot();
rmSync(cliBundleDir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'dist', 'main', 'cli', 'main.js'), path.join(root, 'dist', 'main', 'cli', 'proverHeadStart.js')],
  outdir: cliBundleDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['electron', 'snarkjs', 'ffjavascript', 'circom_runtime', 'better-sqlite3', 'pino'],
  // The CommonJS packages inside call require() for Node's own modules.
  banner: { js: "import { createRequire as zkdeskCreateRequire } from 'node:module'; const require = zkdeskCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`CLI bundle: ${path.relative(root, cliBundleDir)}`);
