// The layers of docs/architecture.md as a lint rule (VS Code's code-layering, in small): every
// source folder is named for where its code may run, and an import may only reach a layer the
// importer's process can load. Relative imports are resolved to a folder; bare ones are checked
// against Node's built-ins and the Node-only packages. Type-only imports count too: a type that
// lives in the wrong layer pulls its file into the wrong compilation.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** First match wins: the contract files are browser-safe although preload.ts beside them is not. */
const layerOf = [
  ['common', /^(common\/|preload\/(contract|apiObject)\.ts$)/],
  ['renderer', /^renderer\//],
  ['node', /^node\//],
  ['workers', /^native-workers\//],
  ['services', /^main\/services\//],
  ['api', /^main\/api\//],
  ['host', /^main\/host\//],
  ['cli', /^main\/cli\//],
  ['app', /^main\/app\//],
  ['preload', /^preload\//],
];

/** Which layers each layer may import. Folders outside every layer (scripts, bench, tests) are tools: unchecked. */
export const allowedLayers = {
  common: ['common'],
  renderer: ['common', 'renderer'],
  node: ['common', 'node'],
  workers: ['common', 'node', 'workers'],
  services: ['common', 'node', 'services'],
  api: ['common', 'node', 'workers', 'services', 'api'],
  host: ['common', 'node', 'services', 'api', 'host'],
  cli: ['common', 'node', 'workers', 'services', 'api', 'host', 'cli'],
  app: ['common', 'node', 'workers', 'services', 'api', 'app'],
  preload: ['common', 'preload'],
};

/**
 * Files a layer may reach although their folder is off-limits, each with the reason it must exist.
 * Services still ask native-workers/nativeGroth16.ts which backend proves on this machine
 * (`machineBackend`); issue 12 moves that answer into the worker's own report, then this goes.
 * The app's entry reaches the two CLI files that run commands inside the installed app.
 */
const allowedFiles = {
  services: ['native-workers/nativeGroth16.ts'],
  // The installed app is also `zkdesk` on the command line (main/app/entry.ts): it runs the CLI's
  // commands in its main process, so support engineers need no Node and the runAsNode fuse stays off.
  app: ['main/cli/installedCli.ts', 'main/cli/workerLauncherChoice.ts'],
};

/** Layers that run where Node does not: the renderer (Chromium, sandboxed), the contract, common code. */
const withoutNode = new Set(['common', 'renderer']);
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
/** Dependencies that only work in Node (they need fs, sockets, processes or native code). */
const nodeOnlyPackages = new Set([
  'systeminformation', 'pino', 'ws', 'yauzl', 'yazl', 'commander', 'snarkjs', 'ffjavascript', 'circom_runtime',
  'electron', 'electron-updater', 'builder-util-runtime', 'better-sqlite3',
]);

function layerFor(relPath) {
  for (const [layer, pattern] of layerOf) if (pattern.test(relPath)) return layer;
  return null;
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The repository-relative path an import names, with the .js of an ESM specifier read as the .ts it compiles from. */
function resolveRelative(fromFile, spec) {
  const target = path.relative(root, path.resolve(path.dirname(fromFile), spec)).split(path.sep).join('/');
  return target.replace(/\.js$/, '.ts');
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Refuse an import that crosses a layer (see docs/architecture.md).' },
    schema: [],
    messages: {
      layer: '{{from}} code ({{file}}) may not import {{to}} code ({{target}}): {{from}} may import only {{allowed}}. See docs/architecture.md.',
      node: '{{from}} code runs without Node: "{{spec}}" is {{what}}. Move the Node part behind the contract, or use browser-safe code from common/.',
    },
  },
  create(context) {
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const from = layerFor(file);
    if (!from || file.startsWith('..')) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = resolveRelative(context.filename, spec);
        const to = layerFor(target);
        if (!to || allowedLayers[from].includes(to) || allowedFiles[from]?.some((f) => target === f)) return;
        context.report({ node, messageId: 'layer', data: { from, to, file, target, allowed: allowedLayers[from].join(', ') } });
      } else if (withoutNode.has(from)) {
        const name = packageName(spec);
        if (nodeBuiltins.has(spec) || nodeBuiltins.has(name)) context.report({ node, messageId: 'node', data: { from, spec, what: 'a Node built-in' } });
        else if (nodeOnlyPackages.has(name)) context.report({ node, messageId: 'node', data: { from, spec, what: 'a Node-only package' } });
      }
    };
    const fromSource = (node) => check(node.source ?? node, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: (node) => node.source && fromSource(node),
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      TSImportType: (node) => {
        const arg = node.argument?.literal ?? node.argument;
        if (arg?.type === 'Literal') check(node, arg.value);
      },
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0].value);
      },
    };
  },
};

export default { meta: { name: 'zkdesk-layering' }, rules: { layering: rule } };
