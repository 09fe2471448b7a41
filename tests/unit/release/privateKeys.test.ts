// Private keys never enter the repository: the only ones allowed are the committed development
// pair, marked as such, whose public halves sit in resources/keys/development and nowhere the
// packaging filter would ship them as production keys.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyIdOf } from '../../../main/services/updates/keys/signingKeys.js';

const root = path.resolve(import.meta.dirname, '../../..');
const developmentPrivate = ['tests/fixtures/keys/development/feed-signing.key', 'tests/fixtures/keys/development/flags-signing.key'];

/** Every file git would commit: tracked, and untracked but not ignored. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter((f) => f !== '');
}

/**
 * Whether the text holds a real private key: a PEM block Node parses as one, or an OpenSSH block
 * long enough to be one. (The redaction tests carry short fake blocks that are neither.)
 */
function holdsPrivateKey(text: string): boolean {
  for (const match of text.matchAll(/-----BEGIN ([A-Z ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g)) {
    if (match[1] === 'OPENSSH PRIVATE KEY') {
      if (match[0].replace(/-----[A-Z ]+-----|\s/g, '').length > 200) return true;
      continue;
    }
    try {
      createPrivateKey(match[0]);
      return true;
    } catch {
      // not a key
    }
  }
  return false;
}

describe('private keys in the repository', () => {
  it('are only the two marked development keys', () => {
    const withPrivateKeys = repositoryFiles().filter((file) => {
      try {
        return holdsPrivateKey(readFileSync(path.join(root, file), 'latin1'));
      } catch {
        return false; // deleted in the working tree
      }
    });
    expect(withPrivateKeys.sort()).toEqual(developmentPrivate);
    for (const file of developmentPrivate) expect(readFileSync(path.join(root, file), 'utf8')).toMatch(/^# DEVELOPMENT KEY/);
  });

  it('development public keys are only in resources/keys/development, never at the top level the packaging filter ships', () => {
    const ids = developmentPrivate.map((file) => keyIdOf(createPublicKey(createPrivateKey(readFileSync(path.join(root, file), 'utf8')))));
    const development = readdirSync(path.join(root, 'resources', 'keys', 'development'));
    for (const id of ids) expect(development.some((name) => name.includes(id))).toBe(true);
    const topLevel = readdirSync(path.join(root, 'resources', 'keys')).filter((n) => n.endsWith('.pem'));
    for (const name of topLevel) expect(ids).not.toContain(keyIdOf(createPublicKey(readFileSync(path.join(root, 'resources', 'keys', name), 'utf8'))));
  });
});
