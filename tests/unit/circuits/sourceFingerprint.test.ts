// The incremental build's key: it must change with any file a circuit reads, however deep
// the include, and must not change with where the circuits folder happens to sit.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintSources } from '../../../scripts/circuits/sourceFingerprint.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-fingerprint-'));
  await mkdir(path.join(root, 'tree', 'circuits', 'main'), { recursive: true });
  await mkdir(path.join(root, 'tree', 'circuits', 'lib'), { recursive: true });
  await mkdir(path.join(root, 'tree', 'node_modules', 'somelib'), { recursive: true });
  await writeFile(
    path.join(root, 'tree', 'circuits', 'main', 'circuit.circom'),
    '// include "ignored.circom";\n/* include "also-ignored.circom"; */\ninclude "../lib/local.circom";\ncomponent main = Local();\n',
  );
  await writeFile(path.join(root, 'tree', 'circuits', 'lib', 'local.circom'), 'include "somelib/deep.circom";\ntemplate Local() {}\n');
  await writeFile(path.join(root, 'tree', 'node_modules', 'somelib', 'deep.circom'), 'template Deep() {}\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function fingerprint(tree: string, extras: Record<string, string> = { ptau: 'a' }) {
  return fingerprintSources({
    sourceFile: path.join(tree, 'circuits', 'main', 'circuit.circom'),
    libraryDirs: [path.join(tree, 'node_modules')],
    extras,
  });
}

describe('fingerprintSources', () => {
  it('follows includes beside the file and in library folders, skipping commented ones', async () => {
    const { files } = await fingerprint(path.join(root, 'tree'));
    expect(files.map((f) => path.relative(root, f))).toEqual([
      path.join('tree', 'circuits', 'main', 'circuit.circom'),
      path.join('tree', 'circuits', 'lib', 'local.circom'),
      path.join('tree', 'node_modules', 'somelib', 'deep.circom'),
    ]);
  });

  it('changes when a transitively included file or an extra changes', async () => {
    const before = (await fingerprint(path.join(root, 'tree'))).sha256;
    await writeFile(path.join(root, 'tree', 'node_modules', 'somelib', 'deep.circom'), 'template Deep() { }\n');
    const after = (await fingerprint(path.join(root, 'tree'))).sha256;
    expect(after).not.toBe(before);
    expect((await fingerprint(path.join(root, 'tree'), { ptau: 'b' })).sha256).not.toBe(after);
  });

  it('is the same for a copy of the tree elsewhere', async () => {
    await cp(path.join(root, 'tree'), path.join(root, 'elsewhere', 'copy'), { recursive: true });
    expect((await fingerprint(path.join(root, 'elsewhere', 'copy'))).sha256).toBe((await fingerprint(path.join(root, 'tree'))).sha256);
  });

  it('names a missing include and where it looked', async () => {
    await writeFile(path.join(root, 'tree', 'circuits', 'lib', 'local.circom'), 'include "nowhere.circom";\n');
    await expect(fingerprint(path.join(root, 'tree'))).rejects.toThrow(/include "nowhere.circom".*not found/);
  });
});
