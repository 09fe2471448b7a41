// The lint rule that keeps the layers of docs/architecture.md true: each case plants one import
// in a file of the real tree (the text is linted, nothing is written) and runs the project's own
// ESLint config over it.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// The layering rule needs no types: lint without building the TypeScript programs, so each case is quick.
const untyped = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { project: null, projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function problems(file: string, text: string, eslint = untyped): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

async function layeringProblems(file: string, text: string): Promise<string[]> {
  return (await problems(file, text)).filter((p) => p.startsWith('zkdesk/layering'));
}

// Loading the config (typescript-eslint) takes seconds on a busy machine.
describe('the layering lint rule', { timeout: 60_000 }, () => {
  it.each([
    ['main/services/prover/estimator.ts', 'app', "import { createMainWindow } from '../../app/mainWindow.js';\nexport const x = createMainWindow;\n"],
    ['main/services/prover/estimator.ts', 'cli', "import { main } from '../../cli/main.js';\nexport const x = main;\n"],
    ['main/services/diagnostics/redact.ts', 'api', "import type { ZkdeskServices } from '../../api/zkdeskServices.js';\nexport type X = ZkdeskServices;\n"],
    ['main/services/settings/settingsStore.ts', 'host', "export const load = () => import('../../host/headlessHost.js');\n"],
    ['native-workers/prover.ts', 'api', "import { ZkdeskServices } from '../main/api/zkdeskServices.js';\nexport const x = ZkdeskServices;\n"],
    ['native-workers/calibrate.ts', 'services', "import { openJobHistory } from '../main/services/prover/jobHistory.js';\nexport const x = openJobHistory;\n"],
    ['renderer/src/features/help/helpSlice.ts', 'services', "import { HelpIndex } from '../../../../main/services/help/helpLoader.js';\nexport const x = HelpIndex;\n"],
    ['preload/contract.ts', 'services', "export { loadHelpArticles } from '../main/services/help/helpLoader.js';\n"],
    ['common/format/byteUnits.ts', 'node', "import { projectRoot } from '../../node/resourcePaths.js';\nexport const x = projectRoot;\n"],
  ])('refuses %s importing from the %s layer', async (file, layer, text) => {
    const found = await layeringProblems(file, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`may not import ${layer} code`);
  });

  it.each([
    ['renderer/src/features/help/helpSlice.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
    ['common/errors.ts', "import os from 'os';\nexport const x = os;\n"],
    ['preload/contract.ts', "import si from 'systeminformation';\nexport const x = si;\n"],
    ['renderer/src/app/App.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
  ])('refuses Node in browser-safe code: %s', async (file, text) => {
    const found = await layeringProblems(file, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('runs without Node');
  });

  it.each([
    ['main/services/prover/estimator.ts', "import { formatBytes } from '../../../common/format/byteUnits.js';\nimport { projectRoot } from '../../../node/resourcePaths.js';\nimport { readFile } from 'node:fs';\nexport const x = [formatBytes, projectRoot, readFile];\n"],
    ['native-workers/prover.ts', "import { projectRoot } from '../node/resourcePaths.js';\nimport type { ProveRequest } from '../common/workerProtocol.js';\nexport type X = ProveRequest;\nexport const x = projectRoot;\n"],
    ['renderer/src/features/help/helpSlice.ts', "import { HelpIndex } from '../../../../common/help/helpIndex.js';\nexport const x = HelpIndex;\n"],
    ['main/cli/main.ts', "import { serveHeadless } from '../host/headlessHost.js';\nexport const x = serveHeadless;\n"],
  ])('lets %s import the layers below it', async (file, text) => {
    expect(await layeringProblems(file, text)).toEqual([]);
  });
});

describe('the promise lint rules', () => {
  it('refuses a promise nobody awaits, and one passed where nothing waits for it', async () => {
    // With CI=true typescript-eslint builds each program once from the files on disk ("single
    // run"), so it would lint percentiles.ts as it is, not the text below: ask for the text.
    const typed = new ESLint({ cwd: root, overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } } });
    const found = await problems(
      'common/statistics/percentiles.ts',
      'export async function later(): Promise<number> { return 1; }\n' +
        'export function forget(): void { later(); }\n' +
        'export const list = [1, 2].forEach(async () => { await later(); });\n',
      typed,
    );
    expect(found.some((p) => p.startsWith('@typescript-eslint/no-floating-promises')), found.join('\n')).toBe(true);
    expect(found.some((p) => p.startsWith('@typescript-eslint/no-misused-promises')), found.join('\n')).toBe(true);
    // Building the type information takes a while on a busy machine.
  }, 120_000);
});
