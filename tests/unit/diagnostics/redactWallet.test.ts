// Wallet secrets and secrets written as prose: recovery phrases (BIP-39, any length, any
// layout), passwords and PINs introduced in a sentence, and the shapes of wallet keys. Phrases
// are made fresh by @scure/bip39 on every run, so the corpus is not a fixed list of examples.
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../main/services/diagnostics/redact.js';
import { FeedbackOutbox } from '../../../main/services/diagnostics/feedbackOutbox.js';

const r = createRedactor({});
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const base58 = (n: number): string => Array.from({ length: n }, () => BASE58[randomInt(BASE58.length)]).join('');

/**
 * Every word of the phrase is gone from the output. `frame` is the text around the phrase: the
 * list has ordinary words ("proof", "still", "note"), so a word counts as left only where the
 * output has it more often than the frame does.
 */
function expectNoWordsOf(out: string, phrase: string, frame = ''): void {
  const count = (text: string, word: string): number => (text.match(new RegExp(`(?<![a-z])${word}(?![a-z])`, 'gi')) ?? []).length;
  const left = [...new Set(phrase.toLowerCase().split(/\s+/))].filter((word) => count(out, word) > count(frame, word));
  expect(left, out).toEqual([]);
}

describe('recovery phrases', () => {
  it('the phrase from the review is gone whole, not just its first word (issue 15, item 2)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-outbox-'));
    try {
      const outbox = new FeedbackOutbox({ dataDir: dir, redactor: r });
      const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
      await outbox.enqueue({ message: `mnemonic: ${phrase}`, installId: null, appVersion: '0.1.0', channel: 'beta' });
      const [file] = (await readdir(path.join(dir, 'outbox'))).filter((n) => n.endsWith('.json'));
      const kept = await readFile(path.join(dir, 'outbox', file as string), 'utf8');
      expectNoWordsOf(kept, phrase);
      expect(kept).toContain('[mnemonic]');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const layouts: Array<[string, (words: string[]) => string]> = [
    ['spaces', (w) => w.join(' ')],
    ['one per line', (w) => w.join('\n')],
    ['commas', (w) => w.join(', ')],
    ['numbered list', (w) => w.map((word, i) => `${i + 1}. ${word}`).join('\n')],
    ['numbered inline', (w) => w.map((word, i) => `${i + 1}) ${word}`).join(' ')],
    ['upper case', (w) => w.join(' ').toUpperCase()],
    ['title case', (w) => w.map((word) => word[0]?.toUpperCase() + word.slice(1)).join(' ')],
    ['dashes', (w) => w.join('-')],
    ['double spaces and tabs', (w) => w.join(' \t ')],
    ['in a sentence', (w) => `Hi! I restored my wallet with ${w.join(' ')} and the proof still fails.`],
    ['quoted', (w) => `seed was "${w.join(' ')}"`],
    ['JSON array', (w) => JSON.stringify({ words: w })],
    ['JSON string', (w) => JSON.stringify({ note: w.join(' ') })],
    ['escaped newlines in a log line', (w) => `stderr: ${w.join('\\n')}`],
  ];
  for (const strength of [128, 160, 192, 224, 256]) {
    for (const [layout, write] of layouts) {
      it(`${(strength / 32) * 3} words, ${layout}`, () => {
        const phrase = generateMnemonic(wordlist, strength);
        const out = r.text(write(phrase.split(' ')));
        expectNoWordsOf(out, phrase, write([]));
        expect(out).toContain('[mnemonic]');
      });
    }
  }

  it('a phrase in a record field, and in an array of words, whatever the key', () => {
    const phrase = generateMnemonic(wordlist, 256);
    const out = JSON.stringify(r.value({ note: phrase, list: phrase.split(' '), nested: { deeper: [`x ${phrase} y`] } }));
    expectNoWordsOf(out, phrase, JSON.stringify({ note: '', list: [], nested: { deeper: ['x  y'] } }));
  });

  it('keeps ordinary prose and log lines, which never string twelve list words together', () => {
    for (const line of [
      'The proof took 2.4 s on poseidon-preimage with two workers; verify passed.',
      'Worker 4182 exited with code 137 after the memory cap was reached.',
      'I opened the app, chose a circuit, pressed prove and waited about a minute before it failed.',
      'Please add a dark theme and a way to export the benchmark chart as an image file.',
      'advice: close other apps or raise the memory cap to prove this circuit safely',
      'abandon ability able about above absent absorb abstract absurd abuse access', // 11 list words: not a phrase
    ]) {
      expect(r.text(line)).toBe(line);
    }
  });
});

describe('secrets in prose', () => {
  it.each([
    ['my passphrase is correct horse battery staple', 'correct horse battery staple'],
    ['My password is hunter2, please reset it', 'hunter2'],
    ['password: Tr0ub4dor&3', 'Tr0ub4dor&3'],
    ['the wallet password was "blue sky 42"', 'blue sky 42'],
    ["my PIN is 4821", '4821'],
    ['PIN 0000 does not work', '0000'],
    ['pin code: 135790', '135790'],
    ['my API key is abcd1234efgh5678', 'abcd1234efgh5678'],
    ['api_key = zz9-plural-z-alpha', 'zz9-plural-z-alpha'],
    ['the secret is swordfish', 'swordfish'],
    ['seed phrase: alpha bravo charlie delta echo foxtrot', 'alpha bravo charlie delta echo foxtrot'],
    ['recovery phrase is orange purple monkey dishwasher', 'orange purple monkey dishwasher'],
    ['private key = 5f2b9c7e1a3d', '5f2b9c7e1a3d'],
    ['access token is tok_8843abc', 'tok_8843abc'],
    ['Passcode: 908172', '908172'],
    ['otp 665544', '665544'],
    ['my passphrase was ‘north wind rising’', 'north wind rising'],
    ['client secret => s3cr3tValue', 's3cr3tValue'],
    ['mnemonic phrase is "one two three four five six"', 'one two three four five six'],
  ])('%s', (input, secret) => {
    const out = r.text(input);
    expect(out).not.toContain(secret);
    expect(out).toContain('[secret]');
  });

  it.each([
    'the password is wrong',
    'password reset failed',
    'PIN required',
    'the token is required',
    'the seed phrase is not stored anywhere',
    'I forgot my password yesterday',
    'Missing token for request',
    'pin the window to the top',
  ])('keeps "%s", which names a secret without giving one', (input) => {
    expect(r.text(input)).toBe(input);
  });
});

describe('wallet keys by their shape', () => {
  const hex = randomBytes(32).toString('hex');
  it.each([
    ['hex private key', `key ${hex}`, hex],
    ['0x hex private key', `imported 0x${hex} ok`, hex],
    ['xprv', `xprv${base58(107)}`, ''],
    ['xpub', `watch-only xpub${base58(107)}`, ''],
    ['tprv (testnet)', `tprv${base58(107)}`, ''],
    ['zprv (SLIP-132)', `zprv${base58(107)}`, ''],
    ['WIF uncompressed', `5K${base58(49)}`, ''],
    ['WIF compressed', `L${base58(51)}`, ''],
    ['WIF testnet', `c${base58(51)}`, ''],
    ['Solana secret key (base58)', `solana ${base58(86)}9aA`, ''],
    ['Nostr secret key', `nsec1${'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.repeat(2)}`, ''],
    ['Cardano signing key', `ed25519_sk1${'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.repeat(2)}`, ''],
    ['age identity', `AGE-SECRET-KEY-1${'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'.repeat(2)}`, ''],
  ])('%s', (_name, input, secret) => {
    const out = r.text(input);
    const key = secret || (input.split(' ').pop() as string);
    expect(out).not.toContain(key);
  });

  it('an Ethereum keystore file keeps its shape but none of its secrets', () => {
    const keystore = {
      address: '008aeeda4d805471df9b2a5b0f38a0c3bcba786b',
      crypto: {
        cipher: 'aes-128-ctr',
        ciphertext: randomBytes(32).toString('hex'),
        cipherparams: { iv: randomBytes(16).toString('hex') },
        kdf: 'scrypt',
        kdfparams: { dklen: 32, n: 262144, p: 8, r: 1, salt: randomBytes(32).toString('hex') },
        mac: randomBytes(32).toString('hex'),
      },
      id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
      version: 3,
    };
    const text = JSON.stringify(keystore);
    const out = r.text(`wallet file: ${text}`) + r.text(text);
    for (const value of [keystore.address, keystore.crypto.ciphertext, keystore.crypto.cipherparams.iv, keystore.crypto.kdfparams.salt, keystore.crypto.mac]) {
      expect(out).not.toContain(value);
    }
    expect(JSON.parse(r.text(text))).toMatchObject({ version: 3, crypto: { cipher: 'aes-128-ctr', kdf: 'scrypt' } });
  });

  it('a PGP private key block and a 64-byte keypair array', () => {
    const body = randomBytes(90).toString('base64');
    const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${body}\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----`;
    expect(r.text(`key:\n${pgp}\nend`)).not.toContain(body.slice(0, 40));
    const keypair = Array.from(randomBytes(64));
    expect(r.text(JSON.stringify(keypair))).toBe('"[key]"');
  });

  it('keeps content hashes, version strings and base64 that are ours', () => {
    const sha = randomBytes(32).toString('hex');
    expect(r.text(`zkey sha256=${sha}`)).toContain(sha);
    expect(r.text('electron 33.2.1, node 20.19.4, snarkjs 0.7.6')).toBe('electron 33.2.1, node 20.19.4, snarkjs 0.7.6');
  });
});
