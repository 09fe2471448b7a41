// Redaction: everything that leaves a process for the disk (logs, crash records, bundles)
// passes through here first. A redacted value is replaced by a category marker ("[email]",
// "[home]") so a reader knows what was there, and structure survives: a redacted JSON record
// is still valid JSON. Records are redacted field by field (value()), and text that is JSON
// (a whole document, or lines of a .jsonl file) is parsed and redacted the same way, because a
// pattern run over JSON text cannot always tell a string's content from its quotes and escapes.
import net from 'node:net';
import os from 'node:os';
import { isMnemonicArray, redactMnemonicRuns } from './mnemonicRuns.js';

export type RedactionCategory =
  | 'home'
  | 'user'
  | 'host'
  | 'email'
  | 'ipv4'
  | 'ipv6'
  | 'mac'
  | 'serial'
  | 'uuid'
  | 'token'
  | 'jwt'
  | 'secret'
  | 'hex'
  | 'env'
  | 'input'
  | 'mnemonic'
  | 'key';

export function marker(category: RedactionCategory): string {
  return `[${category}]`;
}

const CATEGORIES: RedactionCategory[] = ['home', 'user', 'host', 'email', 'ipv4', 'ipv6', 'mac', 'serial', 'uuid', 'token', 'jwt', 'secret', 'hex', 'env', 'input', 'mnemonic', 'key'];
const MARKERS = new Set([...CATEGORIES.map(marker), '[truncated]']);

/**
 * A value already replaced by one of our markers is left alone, so redacting twice changes
 * nothing. Only the exact markers: `secret=[hunter2]` is a secret in brackets, not a marker.
 */
function isMarker(value: string): boolean {
  return MARKERS.has(value);
}

/** What this machine knows about itself that must never reach the disk. */
export interface RedactionContext {
  homeDir?: string;
  username?: string;
  /** The machine's names: short, fully qualified, and any the profiler saw. */
  hostnames?: string[];
  /** The process environment: values of secret-looking variables are redacted wherever they appear. */
  env?: Record<string, string | undefined>;
  /** Hardware serials and system UUIDs the profiler read, redacted wherever they appear. */
  serials?: string[];
  /** Values that look sensitive but are ours and anonymous (the install id). */
  keep?: string[];
}

export interface Redactor {
  text(value: string): string;
  /** Deep copy with every string redacted and sensitive keys replaced by markers. */
  value(value: unknown): unknown;
  /** A JSON line stays a JSON line; anything else is redacted as text. */
  jsonLine(line: string): string;
}

/** The context of the running process: its home, user, host names and environment. */
export function processRedactionContext(extra: Partial<RedactionContext> = {}): RedactionContext {
  let username: string | undefined;
  try {
    username = os.userInfo().username;
  } catch {
    username = process.env.USER ?? process.env.USERNAME;
  }
  const hostname = os.hostname();
  return {
    homeDir: os.homedir(),
    username,
    hostnames: [hostname, hostname.split('.')[0] ?? hostname, ...(extra.hostnames ?? [])],
    env: process.env,
    serials: extra.serials ?? [],
    keep: extra.keep ?? [],
  };
}

// ---- key names -------------------------------------------------------------------------

/** Proof inputs never enter a log: the whole value goes, whatever its shape. */
const INPUT_KEY = /^(?:inputs?|input_?json|private_?inputs?|witness(?:es|_?values?)?|wtns|(?:input|private)_?signals?|signal_?values?)$/i;
/**
 * Words that make a key secret wherever they appear in it, short words that do only as a whole
 * segment (`db_pass`, `pin`, `--pw`: "pin" inside "mapping" is not one), and `*_KEY` names
 * (STRIPE_KEY, SIGNING_KEY), delimited so that "zkey" or "cacheKey" are not.
 */
const SHORT_SECRET_KEY_TEXT = '(?:[a-z0-9]+[_.-])*(?:pass|pw|passwd|pin|otp|iv|wif|xprv)(?:[_.-][a-z0-9]+)*';
const SECRET_KEY_TEXT =
  '(?:[a-z0-9_.-]*(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|passphrase|pwd|private[_-]?key|privkey|credentials?|auth(?:orization)?|cookie|session(?:[_-]?id)?|signature|mnemonic|seed(?:[_-]?phrase)?|access[_-]?key|ciphertext|cipherparams|kdfparams|salt|recovery[_-]?phrase|keystore)[a-z0-9_.-]*' +
  `|${SHORT_SECRET_KEY_TEXT}` +
  '|[a-z0-9]+(?:[_.-][a-z0-9]+)*[_-]key)';
const SECRET_KEY = new RegExp(`^${SECRET_KEY_TEXT}$`, 'i');
const SHORT_SECRET_KEY = new RegExp(`^${SHORT_SECRET_KEY_TEXT}$`, 'i');
/** A camelCase key (`userPin`, `dbPass`) is read by its words; `cacheKey` is not a key's key. */
function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) || SHORT_SECRET_KEY.test(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
}
const ENV_KEY = /^(?:env|environment|process_?env|environ)$/i;
const SERIAL_KEY = /^(?:[a-z_]*serial(?:_?number)?|sku|machine_?id|board_?serial|device_?id)$/i;
const UUID_KEY = /^(?:uuid|system_?uuid|hardware_?uuid|platform_?uuid|board_?uuid)$/i;
const HOST_KEY = /^(?:host|host_?name|fqdn|computer_?name|machine_?name|node_?name)$/i;
const MAC_KEY = /^(?:mac|mac_?addr(?:ess)?|hw_?addr(?:ess)?|ether|bssid)$/i;
/**
 * Content hashes identify circuits and files, not people: long hex under these keys is kept. The
 * profile's fingerprint hashes facts shared by many machines (CPU model, core count, memory
 * size), and support needs it to match a calibration to a profile.
 */
const HASH_KEY = /(?:sha(?:1|256|384|512)|hash|digest|checksum|fingerprint)$/i;
/** Names whose values are secrets when seen as environment variables. */
const SECRET_ENV_NAME = /(?:TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|API_?KEY|ACCESS_?KEY|PRIVATE|CREDENTIAL|AUTH|COOKIE|SESSION|SEED|MNEMONIC|SIGNATURE|(?:^|_)KEY(?:$|_)|(?:^|_)(?:PIN|OTP|PW)$)/i;

// ---- text patterns ----------------------------------------------------------------------

// `(?:\b|(?<=\\[nrt]))`: a word starts after a literal "\n" too (text escaped twice), where \b sees none.
const JWT = /(?:\b|(?<=\\[nrt]))eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** Private keys in PEM, OpenSSH or PGP form, whole blocks (also JSON-escaped, or cut short by a log line's end). */
const PRIVATE_KEY_BLOCK = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----(?:[^"]*?-----END \1PRIVATE KEY\2-----|[A-Za-z0-9+/=\s\\]*)/g;
// Wallet keys by their shape. Base58 has no 0, O, I or l; bech32 secret keys say so in their prefix.
const BASE58 = '[1-9A-HJ-NP-Za-km-z]';
/** BIP-32 extended keys and their SLIP-132 kin (xprv/xpub, tprv, yprv, zprv, …): a public one still lists every address. */
const EXTENDED_KEY = new RegExp(`(?<![A-Za-z0-9])[xtyzuvYZUV](?:prv|pub)${BASE58}{100,112}(?![A-Za-z0-9])`, 'g');
/** Wallet Import Format private keys: 5… (51 characters), K…/L… (52), and testnet's 9…/c…. */
const WIF_KEY = new RegExp(`(?<![A-Za-z0-9])(?:5[HJK]${BASE58}{49}|[KLc]${BASE58}{51}|9${BASE58}{50})(?![A-Za-z0-9])`, 'g');
/** A long base58 string mixing digits and both cases (a Solana secret key is 87-88): no word, path or hash looks like this. */
const LONG_BASE58 = new RegExp(`(?<![A-Za-z0-9])(?=${BASE58}*\\d)(?=${BASE58}*[A-Z])(?=${BASE58}*[a-z])${BASE58}{80,100}(?![A-Za-z0-9])`, 'g');
/** Bech32 secret keys (Nostr, Cardano) and age identities. */
const BECH32_SECRET = /(?<![A-Za-z0-9])(?:nsec1|(?:ed25519e?|addr|acct|root|stake|drep|cc_cold|cc_hot)_x?sk1)[02-9ac-hj-np-z]{20,}|AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{50,}/g;
/**
 * Secrets introduced in prose: "my passphrase is …", "PIN: 4821", "the API key was abc123".
 * A phrase (passphrase, seed, recovery words) runs to the end of its clause; a password, PIN or
 * key is one value, quoted or not.
 */
const PROSE_PHRASE_WORDS =
  '(?:pass ?phrase|seed(?: ?phrase| words?)?|(?:wallet |secret |backup )?recovery (?:phrase|words?|seed|sentence)|(?:secret|backup|wallet) (?:phrase|words?|seed)|mnemonic(?: phrase| words?)?)';
const PROSE_VALUE_WORDS =
  '(?:pass ?word|passwd|pass ?code|pwd|pin(?: code| number)?|secret(?: key)?|private ?key|priv ?key|spending key|signing key|api[ _-]?(?:key|token|secret)|access (?:key|token)|auth(?:entication)? token|bearer token|client secret|2fa code|otp|one[- ]time (?:code|password)|wallet key)';
const PROSE_CONNECTOR = `(\\s*(?::=|[:=]|=>|->|→)\\s*|\\s+(?:is|was|are|were|'s|will be|would be|should be|reads|set to)\\s+(?:now\\s+|still\\s+|just\\s+|set to\\s+)?|\\s+)`;
const PROSE_QUOTED = '"[^"\\n]{1,300}"|\'[^\'\\n]{1,300}\'|“[^”\\n]{1,300}”|‘[^’\\n]{1,300}’|`[^`\\n]{1,300}`';
const PROSE_PHRASE = new RegExp(`(?<![A-Za-z0-9_-])(${PROSE_PHRASE_WORDS})${PROSE_CONNECTOR}(${PROSE_QUOTED}|\\[[a-z]+\\]|[^\\s.;!?"'<>\\\\][^\\n.;!?"<>\\\\]{0,300})`, 'gi');
const PROSE_VALUE = new RegExp(`(?<![A-Za-z0-9_-])(${PROSE_VALUE_WORDS})${PROSE_CONNECTOR}(${PROSE_QUOTED}|[^\\s"'<>\\\\]+)`, 'gi');
/** Words that follow "password is" without being one: "the password is wrong", "PIN required". */
const NOT_A_SECRET = new Set(
  'a an the and or but not no none empty blank missing required needed optional incorrect wrong invalid correct right ok okay fine valid set unset saved stored changed reset expired lost forgotten accepted rejected refused protected encrypted hidden shown visible too very in on for with without to of from at by as when if then still now also being been field fields prompt dialog box manager strength length policy rules requirements check checks reuse same different long short weak strong here there this that it mine yours his hers ours theirs my your our their its what which how why where updated rotated revoked entered typed pasted asked requested bearer basic digest token'.split(
    ' ',
  ),
);

/** What starts a clause about a secret rather than the secret: "the seed phrase is not stored", "… is in my safe". */
const NOT_A_PHRASE = new Set('not no never in on at for with to from by being been still also stored saved written kept backed too very and or but missing required empty lost forgotten incorrect wrong invalid'.split(' '));

function isProseSecret(connector: string, value: string): boolean {
  if (isMarker(value)) return false;
  const quoted = /^["'“‘`]/.test(value);
  const bare = value.replace(/^["'“‘`]|["'”’`]$/g, '').replace(/[.,;:!?)]+$/, '').trim();
  if (bare.length === 0 || isMarker(bare)) return false;
  if (quoted) return true;
  const words = bare.split(/\s+/);
  const firstWord = (words[0] ?? '').toLowerCase();
  if (words.length === 1 ? NOT_A_SECRET.has(firstWord) : NOT_A_PHRASE.has(firstWord)) return false;
  // With no "is" or colon between them, only a value that cannot be a word: "PIN 4821", not "password reset".
  if (connector.trim() === '' && /^[A-Za-z]+$/.test(bare)) return false;
  return true;
}
/** An OpenSSH public key says whose machine this is; its comment is usually user@host. */
const SSH_PUBLIC_KEY = /\b(ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com)\s+AAAA[A-Za-z0-9+/]+={0,3}/g;
/** Whatever follows an Authorization header is a credential, whatever its length or alphabet. */
const AUTH_HEADER = /(?:\b|(?<=\\[nrt]))((?:Proxy-)?Authorization\s*:\s*)(?:(Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256)\s+)?([^\s"'\\,;]+)/gi;
/** A credential in a quoted value (`"Bearer xyz"` in JSON), or a whole value that is one. */
const QUOTED_BEARER = /(?<=["'])(Bearer|Basic)(\s+)([^\s"'\\]+)(?=\\?["'])|^(Bearer)(\s+)(\S+)$/g;
// A credential has a digit or some length; prose after "basic" or "token" rarely does.
const BEARER = /(?:\b|(?<=\\[nrt]))(Bearer|Basic|Token|Digest)(\s+|%20|\+)(?=[A-Za-z._~+/=-]*\d|[A-Za-z0-9._~+/=-]{20}|\[)(\[[^\]\s"\\]*\]|[A-Za-z0-9._~+/=-]{8,})/gi;
const KNOWN_TOKENS =
  /(?:\b|(?<=\\[nrt]))(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|sk-[A-Za-z0-9_-]{16,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{16,}|xox[abprs]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{30,})\b/g;
/** Short query parameters that carry credentials (`?key=`, `&sig=`). */
const QUERY_SECRET = /([?&](?:key|sig|code|auth|access_token|id_token|refresh_token|password|pass)=)([^&\s#"'<>\\]+)/gi;
/** `scheme://user:password@` and `scheme://:password@` (redis). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:"'\\]*:[^\s/@"'\\]+@/gi;
/** `--password hunter2`, `-pw hunter2`: a secret option's argument on a command line. */
const CLI_SECRET = new RegExp(`((?<![A-Za-z0-9_-])--?${SECRET_KEY_TEXT})(\\s+)(?!-)([^\\s"'\\\\]+)`, 'gi');
/** `"key": "value"` inside text (a JSON document logged as a string). */
const JSON_SECRET_PAIR = new RegExp(`("${SECRET_KEY_TEXT}"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|-?\\d[\\d.eE+-]*)`, 'gi');
const JSON_ESCAPED_SECRET_PAIR = new RegExp(
  `(\\\\"${SECRET_KEY_TEXT}\\\\"\\s*:\\s*)(\\\\"(?:[^"\\\\]|\\\\[^"])*\\\\")`,
  'gi',
);
/** `key=value`, `key: value`, `?key=value&`: query strings, headers, YAML, env dumps. */
const KEY_VALUE_SECRET = new RegExp(
  `(?<![A-Za-z0-9_])(${SECRET_KEY_TEXT})(\\s*[=:]\\s*|%3D)(?!\\s)(?!")(?!(?:Bearer|Basic|Token|Digest)\\b)(\\[[^\\]\\s"\\\\]*\\]|[^\\s&;,"'<>\\\\)\\]}]+)`,
  'gi',
);
/** `key="value"`, `key='value'`, and `key=\"value\"` inside a JSON string. */
const QUOTED_SECRET = new RegExp(
  `(?<![A-Za-z0-9_])(${SECRET_KEY_TEXT})(\\s*[=:]\\s*)(?:"(?:[^"\\\\]|\\\\.)*"|'[^'\\\\]*'|\\\\"(?:[^"\\\\]|\\\\[^"])*\\\\")`,
  'gi',
);
// Unicode letters too (émile@exemple.fr); never starting just after a backslash, whose letter
// belongs to an escape (`\nbob@x.org` in JSON text is a newline and bob).
const EMAIL = /(?<!\\)[\p{L}\p{N}._%+-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const PATH_SEP = '(?:[\\\\/]|%2F|%5C)+';
const HOME_WORD = '(?:[^\\\\/\\s%"\'&?#<>|:*]|%(?!2F|5C)[0-9A-Fa-f]{2})+';
/** A user folder's name; with spaces ("Eve Smith") only where a separator or a quote shows where it ends. */
const HOME_NAME = `(?:${HOME_WORD}(?: ${HOME_WORD}){1,3}(?=${PATH_SEP}|\\\\?["'])|${HOME_WORD})`;
/**
 * Home directories on any OS, in any encoding, whoever the user: /home/x, /Users/x, C:\Users\x,
 * and where other systems mount them: /var/home (Fedora Atomic), /mnt/c/Users (WSL),
 * /cygdrive/c/Users (Cygwin).
 */
const GENERIC_HOME = new RegExp(
  `(?:(?<![A-Za-z0-9])[A-Za-z](?::|%3A)${PATH_SEP}|(?<![\\w.%-])${PATH_SEP}(?:(?:var|mnt${PATH_SEP}[A-Za-z]|cygdrive${PATH_SEP}[A-Za-z])${PATH_SEP})?)(?:home|Users|Documents(?: |%20)and(?: |%20)Settings)${PATH_SEP}${HOME_NAME}`,
  'gi',
);
/** A home on a Windows share: \\server\Users\eve, \\host\home$\eve (the server's name goes too). */
const UNC_HOME = new RegExp(
  `(?<![\\w.%-])(?:\\\\|%5C){2,}[A-Za-z0-9._-]+${PATH_SEP}(?:Users|homes?\\$?)${PATH_SEP}${HOME_NAME}`,
  'gi',
);
const GENERIC_ROOT_HOME = /(?<![\w.%-])\/root(?=[/"'\s]|$)/g;
const LOCAL_HOSTNAME = /\b[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.(?:local|lan|internal|intranet|corp|localdomain|home\.arpa)\b/gi;
const HOST_LABEL = /\b(host(?:_?name)?|fqdn|computer_?name)(\s*[=:]\s*)(\[[^\]\s"\\]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)/gi;
/** `"host": "box-9"` in JSON text. */
const JSON_HOST_PAIR = /("(?:host(?:_?name)?|fqdn|computer_?name|machine_?name)"\s*:\s*")([A-Za-z0-9][A-Za-z0-9.-]*)(?=")/gi;
/** `ssh eve@build-box-17`, `scp f eve@box:/tmp`: a user and a machine with no domain to tell them by. */
const REMOTE_LOGIN = /\b(ssh|scp|sftp|rsync|mosh)\b([^\n"]*?\s)([A-Za-z0-9._-]+)@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?![\w.-]*\.[A-Za-z]{2,}\b)/g;
/** Six octets with colons or dashes (single-digit octets too, as some tools print them), or Cisco dots. */
const MAC = /(?<![0-9A-Fa-f:-])(?:(?:[0-9A-Fa-f]{1,2}:){5}[0-9A-Fa-f]{1,2}|(?:[0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2})(?![0-9A-Fa-f:-])|\b[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\b/g;
/** A MAC without separators is only recognisable by its label: `mac=001a2b3c4d5e`, `"mac":"001a2b3c4d5e"`. */
const MAC_LABEL = /\b((?:mac|mac_?addr(?:ess)?|hw_?addr(?:ess)?|ether)"?\s*[=:]\s*"?)([0-9A-Fa-f]{12})\b/gi;
const UUID = /(?:\b|(?<=\\[nrt]))[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b/g;
const SERIAL_LABEL = /\b((?:serial|S\/N|SN)(?:[ _-]?(?:number|no\.?))?)(\s*[:=#]\s*)(\[[^\]\s"\\]+\]|[A-Za-z0-9][A-Za-z0-9-]{3,})/gi;
const IPV6_CANDIDATE = /(?:(?<![\w:.])|(?<=\\[nrt]))(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?:%[\w.-]+)?(?![\w:]|\.\d)/g;
/** Octets with leading zeros too (10.0.0.001), which many parsers accept. */
const IPV4 = /(?:(?<![\w.])|(?<=\\[nrt]))(?:25[0-5]|2[0-4]\d|1\d\d|0{0,2}\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|0{0,2}\d?\d)){3}(?![\w]|\.\d)/g;
const LONG_HEX = /(?:(?<![\w])|(?<=\\[nrt]))(?:0x)?[0-9A-Fa-f]{32,}(?![\w])/g;
const HASH_LABEL_BEFORE = /(?:sha(?:1|256|384|512)|hash|digest|checksum)["']?\s*[:=]?\s*["']?(?:sha(?:256|512)[-:])?$/i;

/** Built-in account names say nothing about the person, and "root" is a word this app uses (Merkle roots). */
const GENERIC_USERS = new Set(['root', 'admin', 'administrator', 'user', 'guest', 'test', 'runner', 'node', 'ubuntu', 'debian']);
const KEEP_IPS = new Set(['127.0.0.1', '0.0.0.0', '::1', '::']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every way a path can be written in a log: as is, Windows both ways, JSON-escaped, URL-encoded. */
function pathForms(dir: string): string[] {
  const forms = new Set<string>([dir]);
  const forward = dir.replace(/\\/g, '/');
  const back = dir.replace(/\//g, '\\');
  forms.add(forward);
  if (/^[A-Za-z]:/.test(dir) || dir.includes('\\')) {
    forms.add(back);
    forms.add(back.replace(/\\/g, '\\\\'));
  }
  forms.add(encodeURI(forward));
  forms.add(encodeURIComponent(forward));
  forms.add(encodeURIComponent(back));
  return [...forms].filter((f) => f.length > 1).sort((a, b) => b.length - a.length);
}

interface LiteralRule {
  pattern: RegExp;
  replacement: string;
}

function literalRule(values: string[], category: RedactionCategory, options: { words?: boolean; minLength?: number } = {}): LiteralRule | null {
  const min = options.minLength ?? 4;
  const unique = [...new Set(values.filter((v) => v && v.length >= min))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  const body = unique.map(escapeRegExp).join('|');
  const source = options.words ? `(?<![A-Za-z0-9])(?:${body})(?![A-Za-z0-9])` : `(?:${body})`;
  return { pattern: new RegExp(source, 'gi'), replacement: marker(category) };
}

/** The value of text that is one JSON object or array, or undefined. */
function parseJsonDocument(input: string): { value: unknown } | undefined {
  const trimmed = input.trim();
  const first = trimmed.charAt(0);
  const last = trimmed.charAt(trimmed.length - 1);
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return undefined;
  try {
    return { value: JSON.parse(trimmed) as unknown };
  } catch {
    return undefined;
  }
}

/** Serialises as the original was laid out: compact, or indented as its second line is, with its surrounding whitespace. */
function stringifyLike(original: string, value: unknown): string {
  const lead = /^\s*/.exec(original)?.[0] ?? '';
  const trail = /\s*$/.exec(original)?.[0] ?? '';
  const body = original.trim();
  const indent = /\n([ \t]+)\S/.exec(body)?.[1];
  if (indent !== undefined) return `${lead}${JSON.stringify(value, null, indent)}${trail}`;
  if (!/":\s/.test(body)) return `${lead}${JSON.stringify(value)}${trail}`;
  // One line with a space after each colon and comma, as Python's json.dumps writes it. Raw
  // newlines in JSON output are only ever layout (a string's are escaped), so collapsing them is safe.
  const spaced = JSON.stringify(value, null, 1)
    .replace(/([[{])\n\s*/g, '$1')
    .replace(/\n\s*([\]}])/g, '$1')
    .replace(/\n\s*/g, ' ');
  return `${lead}${spaced}${trail}`;
}

export function createRedactor(context: RedactionContext = {}): Redactor {
  const keep = new Set((context.keep ?? []).map((k) => k.toLowerCase()));

  const envSecrets = Object.entries(context.env ?? {})
    .filter(([name, value]) => value !== undefined && SECRET_ENV_NAME.test(name) && value.length >= 6)
    .map(([, value]) => value as string);
  const envRule = literalRule(envSecrets, 'env', { minLength: 6 });
  const serialRule = literalRule(context.serials ?? [], 'serial', { minLength: 4 });
  const homeForms = context.homeDir && context.homeDir.length > 1 ? pathForms(context.homeDir) : [];
  // file:///C:/Users/x: the drive form must win over the bare form, so longest first.
  const homeRule = literalRule(homeForms, 'home', { minLength: 2 });
  // Bounded so that a home of /root does not eat /rootfs.
  const homeRuleBounded = homeRule
    ? { pattern: new RegExp(`${homeRule.pattern.source}(?![A-Za-z0-9_.-])`, 'gi'), replacement: homeRule.replacement }
    : null;
  const username = context.username && !GENERIC_USERS.has(context.username.toLowerCase()) ? context.username : undefined;
  const userRule = literalRule(username ? [username] : [], 'user', { words: true, minLength: 3 });
  const hostRule = literalRule(
    (context.hostnames ?? []).filter((h) => !/^localhost$/i.test(h)),
    'host',
    { words: true, minLength: 3 },
  );

  function isKept(value: string): boolean {
    return keep.has(value.toLowerCase());
  }

  /**
   * Text that is a JSON document, or lines of which some are JSON (a .jsonl file), goes through
   * the structured path, so that it is still JSON afterwards: a pattern run over JSON text
   * cannot always tell a string's content from its quotes and escapes.
   */
  function text(input: string, options: { keepHex?: boolean } = {}): string {
    if (input.length === 0) return input;
    const whole = parseJsonDocument(input);
    if (whole !== undefined) return stringifyLike(input, value(whole.value));
    if (!input.includes('\n') || !/^\s*[[{]/m.test(input)) return patterns(input, options);
    // Runs of non-JSON lines stay together: a PEM block or a stack trace spans lines.
    const out: string[] = [];
    let plain: string[] = [];
    const flush = (): void => {
      if (plain.length) out.push(patterns(plain.join('\n'), options));
      plain = [];
    };
    for (const line of input.split('\n')) {
      const parsed = parseJsonDocument(line);
      if (parsed === undefined) {
        plain.push(line);
        continue;
      }
      flush();
      out.push(stringifyLike(line, value(parsed.value)));
    }
    flush();
    return out.join('\n');
  }

  function patterns(input: string, options: { keepHex?: boolean }): string {
    let s = input;
    if (envRule) s = s.replace(envRule.pattern, envRule.replacement);
    if (serialRule) s = s.replace(serialRule.pattern, serialRule.replacement);
    s = redactMnemonicRuns(s, marker('mnemonic'));
    s = s.replace(PRIVATE_KEY_BLOCK, marker('secret'));
    s = s.replace(EXTENDED_KEY, marker('key'));
    s = s.replace(WIF_KEY, marker('key'));
    s = s.replace(BECH32_SECRET, marker('key'));
    s = s.replace(LONG_BASE58, marker('key'));
    s = s.replace(SSH_PUBLIC_KEY, (_m, kind: string) => `${kind} ${marker('token')}`);
    s = s.replace(JWT, marker('jwt'));
    s = s.replace(AUTH_HEADER, (m, head: string, scheme: string | undefined, credential: string) =>
      isMarker(credential) ? m : `${head}${scheme ? `${scheme} ` : ''}${marker('token')}`,
    );
    s = s.replace(QUOTED_BEARER, (m, ...groups: Array<string | undefined>) => {
      const scheme = groups[0] ?? groups[3] ?? '';
      const space = groups[1] ?? groups[4] ?? ' ';
      const credential = groups[2] ?? groups[5] ?? '';
      return isMarker(credential) ? m : `${scheme}${space}${marker('token')}`;
    });
    s = s.replace(BEARER, (m, scheme: string, space: string, credential: string) => (isMarker(credential) ? m : `${scheme}${space}${marker('token')}`));
    s = s.replace(KNOWN_TOKENS, marker('token'));
    s = s.replace(PROSE_PHRASE, (m, words: string, connector: string, value: string) => (isProseSecret(connector, value) ? `${words}${connector}${marker('secret')}` : m));
    s = s.replace(PROSE_VALUE, (m, words: string, connector: string, value: string) => (isProseSecret(connector, value) ? `${words}${connector}${marker('secret')}` : m));
    s = s.replace(QUERY_SECRET, (m, head: string, secret: string) => (isMarker(secret) ? m : `${head}${marker('secret')}`));
    s = s.replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${marker('secret')}@`);
    s = s.replace(CLI_SECRET, (m, option: string, space: string, secret: string) =>
      isMarker(secret) || isKept(secret) ? m : `${option}${space}${marker('secret')}`,
    );
    s = s.replace(JSON_SECRET_PAIR, (_m, head: string) => `${head}"${marker('secret')}"`);
    s = s.replace(JSON_ESCAPED_SECRET_PAIR, (_m, head: string) => `${head}\\"${marker('secret')}\\"`);
    s = s.replace(QUOTED_SECRET, (m, key: string, sep: string) => {
      const quote = m.slice(key.length + sep.length).startsWith('\\"') ? '\\"' : m.charAt(key.length + sep.length);
      return `${key}${sep}${quote}${marker('secret')}${quote}`;
    });
    s = s.replace(KEY_VALUE_SECRET, (m, key: string, sep: string, value: string) =>
      isKept(value) || isMarker(value) ? m : `${key}${sep}${marker('secret')}`,
    );
    s = s.replace(REMOTE_LOGIN, (m, command: string, between: string, _user: string, host: string) =>
      /^localhost$/i.test(host) || KEEP_IPS.has(host) ? m : `${command}${between}${marker('user')}@${marker('host')}`,
    );
    s = s.replace(EMAIL, marker('email'));
    if (homeRuleBounded) s = s.replace(homeRuleBounded.pattern, homeRuleBounded.replacement);
    s = s.replace(UNC_HOME, marker('home'));
    s = s.replace(GENERIC_HOME, marker('home'));
    s = s.replace(GENERIC_ROOT_HOME, marker('home'));
    if (userRule) s = s.replace(userRule.pattern, userRule.replacement);
    if (hostRule) s = s.replace(hostRule.pattern, hostRule.replacement);
    s = s.replace(LOCAL_HOSTNAME, marker('host'));
    s = s.replace(HOST_LABEL, (m, label: string, sep: string, value: string) =>
      /^localhost$/i.test(value) || KEEP_IPS.has(value) ? m : `${label}${sep}${marker('host')}`,
    );
    s = s.replace(JSON_HOST_PAIR, (m, head: string, value: string) => (/^localhost$/i.test(value) || KEEP_IPS.has(value) ? m : `${head}${marker('host')}`));
    s = s.replace(MAC_LABEL, (_m, head: string) => `${head}${marker('mac')}`);
    s = s.replace(MAC, marker('mac'));
    s = s.replace(UUID, (m) => (isKept(m) ? m : marker('uuid')));
    s = s.replace(SERIAL_LABEL, (m, label: string, sep: string, serial: string) => (isMarker(serial) ? m : `${label}${sep}${marker('serial')}`));
    s = s.replace(IPV6_CANDIDATE, (m) => {
      const address = m.split('%')[0] ?? m;
      if (KEEP_IPS.has(address) || !net.isIPv6(address)) return m;
      return marker('ipv6');
    });
    s = s.replace(IPV4, (m) => (KEEP_IPS.has(m) ? m : marker('ipv4')));
    s = s.replace(LONG_HEX, (m, offset: number, whole: string) => {
      if (options.keepHex || isKept(m)) return m;
      if (HASH_LABEL_BEFORE.test(whole.slice(Math.max(0, offset - 24), offset))) return m;
      return marker('hex');
    });
    return s;
  }

  function value(input: unknown, key?: string, depth = 0): unknown {
    if (depth > 64) return '[truncated]';
    if (key !== undefined) {
      if (INPUT_KEY.test(key)) return marker('input');
      if (ENV_KEY.test(key) && input !== null && typeof input === 'object' && !Array.isArray(input)) {
        return Object.fromEntries(Object.keys(input).map((name) => [text(name), marker('env')]));
      }
      // A secret's value goes whole, whatever its shape: {"password": ["hunter2"]}, {"token": {"value": …}}.
      if (isSecretKey(key) && input !== null && typeof input === 'object' && !(input instanceof Date)) return marker('secret');
      if (typeof input === 'string' || typeof input === 'number') {
        const asText = String(input);
        if (isSecretKey(key) && asText.length > 0 && !isKept(asText) && !isMarker(asText)) return marker('secret');
        if (SERIAL_KEY.test(key) && asText.length > 0 && !isKept(asText)) return marker('serial');
        if (UUID_KEY.test(key) && asText.length > 0 && !isKept(asText)) return marker('uuid');
        if (MAC_KEY.test(key) && asText.length > 0 && !isMarker(asText)) return marker('mac');
        if (HOST_KEY.test(key) && typeof input === 'string' && input.length > 0 && !/^localhost$/i.test(input) && !KEEP_IPS.has(input)) {
          return marker('host');
        }
      }
    }
    if (typeof input === 'string') return text(input, { keepHex: key !== undefined && HASH_KEY.test(key) });
    if (input === null || typeof input !== 'object') {
      // bigint has no JSON form; functions and symbols are dropped by JSON anyway.
      return typeof input === 'bigint' ? input.toString() : input;
    }
    if (input instanceof Error) {
      const code = (input as { code?: unknown }).code;
      return {
        type: input.name,
        message: text(input.message),
        ...(typeof code === 'string' ? { code } : {}),
        ...(input.stack ? { stack: text(input.stack) } : {}),
      };
    }
    if (input instanceof Date) return input.toISOString();
    if (Array.isArray(input)) {
      // A phrase one word per item, or a 64-byte secret key as numbers (a Solana keypair file).
      if (isMnemonicArray(input)) return marker('mnemonic');
      if (input.length === 64 && input.every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 255)) return marker('key');
      return input.map((item) => value(item, undefined, depth + 1));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined || typeof v === 'function') continue;
      out[text(k)] = value(v, k, depth + 1);
    }
    return out;
  }

  function jsonLine(line: string): string {
    const parsed = parseJsonDocument(line);
    return parsed === undefined ? text(line) : JSON.stringify(value(parsed.value));
  }

  return { text: (s) => text(s), value: (v) => value(v), jsonLine };
}
