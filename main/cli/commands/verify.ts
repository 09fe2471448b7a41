// `zkdesk verify`: checks a Groth16 proof against a verification key, as snarkjs would.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import * as snarkjs from 'snarkjs';
import { ZkError } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import { parseInputText } from '../../services/prover/inputCheck.js';

async function readJson(file: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.resolve(file), 'utf8');
  } catch (error) {
    throw new ZkError('E_IO', `The ${label} file could not be read.`, { file: path.basename(file) }, { cause: error });
  }
  return parseInputText(text, path.basename(file));
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('verify a Groth16 proof')
    .requiredOption('--vkey <file>', 'verification_key.json')
    .requiredOption('--proof <file>', 'proof.json')
    .requiredOption('--public <file>', 'public.json')
    .action(async (opts: { vkey: string; proof: string; public: string }, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const [vkey, proof, publicSignals] = await Promise.all([
        readJson(opts.vkey, 'verification key'),
        readJson(opts.proof, 'proof'),
        readJson(opts.public, 'public signals'),
      ]);
      let valid: boolean;
      try {
        valid = await snarkjs.groth16.verify(vkey, publicSignals, proof);
      } catch (error) {
        // snarkjs throws on structurally wrong proofs; that is still "does not verify".
        throw new ZkError('E_PROOF_INVALID', 'The proof could not be checked: it or the key is malformed.', { reason: error instanceof Error ? error.message : String(error) });
      } finally {
        await (globalThis as { curve_bn128?: { terminate(): Promise<void> } | null }).curve_bn128?.terminate();
      }
      if (!valid) throw new ZkError('E_PROOF_INVALID');
      if (ctx.json) ctx.printJson({ ok: true, verified: true });
      else ctx.out('✓ the proof is valid');
    });
}
