// The process boundaries of docs/architecture.md, enforced: lint/layering.js refuses an import
// across a layer (services never reach the shell, the CLI or the host; workers never reach main;
// the renderer and common code import no Node), and only main/app/ (and the preload bridge) may
// import electron. Type-aware rules catch promises nobody awaits or handles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layering from './lint/layering.js';

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

/** One TypeScript project per environment (see tsconfig.json); the type-aware rules read them. */
const projects = ['./tsconfig.common.json', './tsconfig.workers.json', './tsconfig.node.json', './tsconfig.renderer.json', './tsconfig.test.json'];

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
    plugins: { zkdesk: layering },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'zkdesk/layering': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['vite.config.ts'],
    languageOptions: { parserOptions: { project: projects, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/app/**', 'main/services/**/electron*.ts', 'preload/preload.ts', 'tests/e2e/electron/**'],
    rules: { 'no-restricted-imports': ['error', noElectron], 'no-restricted-syntax': ['error', ...noDynamicElectron] },
  },
);
