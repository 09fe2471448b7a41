// `zkdesk prove --wasm --zkey` with files that do not fit together, or an input that does not
// fit them: refused before any worker starts, naming what is wrong. Real CLI processes.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobHistory } from '../../../main/services/prover/jobHistory.js';
import { projectRoot } from '../../../node/resourcePaths.js';
import { compileCircom } from '../../../scripts/circuits/circomCompile.js';
import { registry } from '../../support/proverHarness.js';

const run = promisify(execFile);
const root = projectRoot();
const zkdesk = path.join(root, 'bin', 'zkdesk.js');
let tmp: string;

async function prove(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [zkdesk, '--data-dir', dataDir, 'prove', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function inputFile(name: string, value: unknown): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

/** Refused before a worker: the history's record of the job has no worker pid. */
async function lastRecord(dataDir: string): Promise<{ errorCode?: string; workerPid: number | null } | undefined> {
  return (await new JobHistory(dataDir).read()).at(-1);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bare-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('bare --wasm/--zkey files', () => {
  it('a proving key of another circuit with as many public signals is refused, naming both files and their sizes', async () => {
    const poseidon = await registry.resolve('poseidon-preimage');
    const merkle = await registry.resolve('merkle-membership');
    await copyFile(poseidon.files.wasmPath, path.join(tmp, 'poseidon.wasm'));
    await copyFile(merkle.files.zkeyPath, path.join(tmp, 'merkle.zkey'));
    const dataDir = path.join(tmp, 'data-foreign');
    const input = await inputFile('poseidon.json', await registry.sampleInput('poseidon-preimage'));
    const { code, stderr } = await prove(['--wasm', path.join(tmp, 'poseidon.wasm'), '--zkey', path.join(tmp, 'merkle.zkey'), '--vkey', merkle.files.vkeyPath, '--input', input], dataDir);
    expect(code).toBe(1);
    expect(stderr).toContain('error E_ARTIFACT_CORRUPT: The proving key merkle.zkey is for a circuit of 5095 wires, but poseidon.wasm computes 243');
    expect(await lastRecord(dataDir)).toMatchObject({ errorCode: 'E_ARTIFACT_CORRUPT', workerPid: null });
  });

  describe('inputs held to the wasm', () => {
    const sample = { preimage: ['1', '2'], hash: '3' };
    let files: string[];
    let compiled: string[];

    beforeAll(async () => {
      const poseidon = await registry.resolve('poseidon-preimage');
      files = ['--wasm', poseidon.files.wasmPath, '--zkey', poseidon.files.zkeyPath, '--vkey', poseidon.files.vkeyPath];
      // circom's own layout: out/circuit_js/circuit.wasm beside out/circuit.sym, which names the signals.
      const out = path.join(tmp, 'compiled');
      await mkdir(out, { recursive: true });
      const circuit = await compileCircom(root, path.join(root, 'resources', 'circuits', 'poseidon-preimage', 'circuit.circom'), out);
      compiled = ['--wasm', circuit.wasmPath, '--zkey', poseidon.files.zkeyPath, '--vkey', poseidon.files.vkeyPath];
    });

    it('a missing signal is refused before any worker starts, and named when circom\'s .sym file is beside the wasm', async () => {
      const { hash: _hash, ...withoutHash } = sample;
      const input = await inputFile('no-hash.json', withoutHash);

      const bare = await prove([...files, '--input', input], path.join(tmp, 'data-missing'));
      expect(bare.code).toBe(1);
      expect(bare.stderr).toContain("error E_INPUT_INVALID: The input sets 2 of the 3 values the circuit's inputs take: a signal is missing.");
      expect(await lastRecord(path.join(tmp, 'data-missing'))).toMatchObject({ errorCode: 'E_INPUT_INVALID', workerPid: null });

      const named = await prove([...compiled, '--input', input], path.join(tmp, 'data-named'));
      expect(named.code).toBe(1);
      expect(named.stderr).toContain('error E_INPUT_INVALID: The input is missing the signal "hash".');
    });

    it('a signal the circuit does not take, or one with too few values, is named', async () => {
      const misspelt = await prove([...files, '--input', await inputFile('typo.json', { preimage: sample.preimage, hsh: '3' })], path.join(tmp, 'data-typo'));
      expect(misspelt.stderr).toContain('error E_INPUT_INVALID: The input has a signal "hsh" that is not an input of this circuit.');
      const short = await prove([...files, '--input', await inputFile('short.json', { preimage: ['1'], hash: '3' })], path.join(tmp, 'data-short'));
      expect(short.stderr).toContain('error E_INPUT_INVALID: The input signal "preimage" has 1 value where the circuit takes 2.');
    });
  });
});
