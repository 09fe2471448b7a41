// A proof's private input never reaches the disk, even when it is wrong: `zkdesk prove` with a
// secret where a number belongs fails with E_INPUT_INVALID naming the signal, and neither the
// data directory (logs, job history) nor a bundle of it holds the secret afterwards.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { promisify } from 'node:util';
import { unzipEntries } from '../../support/unzipEntries.js';

const run = promisify(execFile);
const cli = path.resolve('bin/zkdesk.js');
const SECRET = 'my-secret-mnemonic abandon ability';
const SECRET_WORDS = /my-secret-mnemonic|abandon ability|1e\+?300/;

let work: string;
let dataDir: string;

async function zkdesk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, '--data-dir', dataDir, ...args], { cwd: work });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}


beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-secret-input-'));
  dataDir = path.join(work, 'data');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a wrong private input', () => {
  it('is named by its signal and never written anywhere: not in logs, history or a bundle', async () => {
    const input = path.join(work, 'f.json');
    await writeFile(input, JSON.stringify({ hash: '1', preimage: [SECRET, '2'] }));
    const bad = await zkdesk(['prove', '--circuit', 'poseidon-preimage', '--input', input]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('E_INPUT_INVALID');
    expect(bad.stderr).toContain('"preimage[0]" is a string of 34 characters, not a number');
    expect(bad.stderr).not.toMatch(SECRET_WORDS);

    // A number JSON cannot carry exactly is described, not echoed, too.
    await writeFile(input, '{"hash": "1", "preimage": [1e300, "2"]}');
    const huge = await zkdesk(['prove', '--circuit', 'poseidon-preimage', '--input', input, '--json']);
    expect(huge.code).toBe(1);
    expect(huge.stdout).toContain('too large for JSON');
    expect(huge.stdout + huge.stderr).not.toMatch(SECRET_WORDS);
    await rm(input);

    const written = await filesUnder(dataDir);
    expect(written.some((f) => f.includes(`${path.sep}logs${path.sep}`))).toBe(true);
    expect(written.some((f) => f.endsWith('history.jsonl'))).toBe(true);
    let all = '';
    for (const file of written) {
      const text = await readFile(file, 'utf8');
      expect(text, `${path.relative(dataDir, file)} holds the secret`).not.toMatch(SECRET_WORDS);
      all += text;
    }
    expect(all).toContain('preimage[0]');
    expect(all).toContain('E_INPUT_INVALID');
    // The command line's own log says what ran and how it failed: option names, never their values.
    const cliLines = all.split('\n').filter((l) => l.includes('"scope":"cli"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(cliLines).toContainEqual(expect.objectContaining({ msg: 'command started', command: 'prove', options: ['--circuit', '--data-dir', '--input'] }));
    expect(cliLines).toContainEqual(expect.objectContaining({ msg: 'command failed', command: 'prove', code: 'E_INPUT_INVALID' }));
    expect(cliLines.map((l) => JSON.stringify(l)).join('\n')).not.toMatch(/f\.json|poseidon-preimage/);

    const out = path.join(work, 'bundle.zip');
    const bundled = await zkdesk(['bundle', '--out', out]);
    expect(bundled.code, bundled.stderr).toBe(0);
    const entries = await unzipEntries(out);
    const history = entries.get('jobs/history.jsonl') ?? '';
    expect(history).toContain('preimage[0]');
    for (const [name, text] of entries) expect(text, `${name} in the bundle holds the secret`).not.toMatch(SECRET_WORDS);
  }, 60_000);
});
