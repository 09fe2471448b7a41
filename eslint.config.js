// The process boundaries of ../DESIGN (and VS Code's code-layering rule, in small): only
// main/app/ (and the preload bridge) may import electron; the renderer, common/ and the contract import no Node;
// workers never import electron. A wrong import fails the lint, so the layers cannot erode.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noElectron = {
  paths: [
    { name: 'electron', message: 'Only main/app/ may import electron: keep services runnable in plain Node.' },
    { name: 'electron-updater', message: 'Only main/app/ (and electron*.ts adapters) may import electron-updater.' },
  ],
  // `electron/main`, `electron/common`, ...: the same module by another door.
  patterns: [{ group: ['electron/*', 'electron-updater/*'], message: 'Only main/app/ may import electron (any of its entry points).' }],
};
// import() and require() are not imports to no-restricted-imports: refuse them by syntax.
const electronModule = "/^electron(-updater)?(\\/|$)/";
const noDynamicElectron = [
  { selector: `ImportExpression[source.value=${electronModule}]`, message: 'Only main/app/ may load electron, dynamically or not.' },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=${electronModule}]`, message: 'Only main/app/ may load electron, dynamically or not.' },
];
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'This code runs without Node (renderer, common, contract): no Node built-ins.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', 'resources/**', 'out/**', 'coverage/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JavaScript entry points and fixtures run in Node.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/app/**', 'main/services/**/electron*.ts', 'preload/preload.ts', 'tests/e2e/electron/**'],
    rules: { 'no-restricted-imports': ['error', noElectron], 'no-restricted-syntax': ['error', ...noDynamicElectron] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'common/**/*.ts', 'preload/contract.ts', 'preload/apiObject.ts', 'main/services/help/{helpArticle,parseArticle,helpIndex,helpCoverage}.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...noElectron.paths, ...noNode], patterns: noElectron.patterns }] },
  },
);
