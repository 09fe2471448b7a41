// `zkdesk release flags keygen|sign|verify`: the Ed25519 key pair, signing a payload into the
// flags.json published beside the feed, and checking a published copy as the app would.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ZkError } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import { flagsPayloadSchema } from '../../services/updates/flags/flagsDocument.js';
import { signFlags, verifySignedFlags } from '../../services/updates/flags/flagsSignature.js';
import { privateKeyFileName } from '../../services/updates/keys/signingKeys.js';
import { registerKeygenCommand } from './keygenCommand.js';

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ZkError('E_FLAGS_INVALID', `${file} cannot be read as JSON.`, { reason: String(error) });
  }
}

export function registerFlagsCommands(release: Command): void {
  const flags = release.command('flags').description('signed feature flags and kill switches (flags.json beside the feed)');

  registerKeygenCommand(flags, 'flags');

  flags
    .command('sign')
    .description('sign a flags payload (JSON) into a flags.json the app accepts')
    .requiredOption('--in <file>', 'the payload: schema, serial, issuedAt, expiresAt, flags, killSwitches')
    .requiredOption('--key <file>', `Ed25519 private key (PEM; ${privateKeyFileName('flags')} from keygen)`)
    .requiredOption('--out <file>', 'where to write flags.json (usually <feed>/flags.json)')
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ in: string; key: string; out: string }>();
      const parsed = flagsPayloadSchema.safeParse(await readJson(o.in));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ZkError('E_FLAGS_INVALID', `${o.in} is not a valid flags payload.`, {
          field: issue?.path.join('.'),
          issue: issue?.message,
        });
      }
      if (Date.parse(parsed.data.expiresAt) <= Date.now()) {
        throw new ZkError('E_FLAGS_INVALID', `The payload expired at ${parsed.data.expiresAt}; the app would ignore it.`);
      }
      const signed = signFlags(parsed.data, await readFile(o.key, 'utf8'));
      await writeFile(o.out, `${JSON.stringify(signed, null, 2)}\n`);
      if (ctx.json) ctx.printJson({ ok: true, keyId: signed.keyId, serial: parsed.data.serial, out: o.out });
      else ctx.out(`signed serial ${parsed.data.serial} with key ${signed.keyId}: ${o.out} (expires ${parsed.data.expiresAt})`);
    });

  flags
    .command('verify')
    .description('check a flags.json as the app does: signature, schema, expiry')
    .requiredOption('--file <file>', 'flags.json')
    .requiredOption('--public-key <file...>', 'trusted Ed25519 public key(s) (PEM)')
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ file: string; publicKey: string[] }>();
      const keys = await Promise.all(o.publicKey.map((k) => readFile(k, 'utf8')));
      const payload = verifySignedFlags(await readJson(o.file), keys);
      if (Date.parse(payload.expiresAt) <= Date.now()) {
        throw new ZkError('E_FLAGS_INVALID', `The flags file expired at ${payload.expiresAt}; the app ignores it.`);
      }
      const summary = {
        ok: true,
        serial: payload.serial,
        expiresAt: payload.expiresAt,
        flags: Object.keys(payload.flags),
        disabledCircuits: payload.killSwitches.circuits.map((c) => c.circuitId),
        autoUpdateKillSwitch: payload.killSwitches.autoUpdate !== null,
      };
      if (ctx.json) ctx.printJson(summary);
      else
        ctx.out(
          `valid: serial ${summary.serial}, expires ${summary.expiresAt}, ${summary.flags.length} flag(s), ` +
            `${summary.disabledCircuits.length} circuit kill switch(es), auto-update kill switch ${summary.autoUpdateKillSwitch ? 'set' : 'not set'}`,
        );
    });
}
