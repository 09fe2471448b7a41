import { describe, it, expect } from 'vitest';
import { createRedactor, type RedactionContext } from '../../../main/services/diagnostics/redact.js';

const posix: RedactionContext = {
  homeDir: '/home/alice',
  username: 'alice',
  hostnames: ['alices-thinkpad', 'alices-thinkpad.example.net'],
  env: { GITHUB_TOKEN: 'ghs_notAPrefixButEnvValue12345', DB_PASSWORD: 'correct-horse-battery', PATH: '/usr/bin:/bin', HOME: '/home/alice' },
  serials: ['PF3ABC12', 'VMware-56 4d 11 22'],
  keep: ['7d6f0b54-31a2-4c8e-9b1f-5e2d8a9c0f11'],
};
const windows: RedactionContext = { homeDir: 'C:\\Users\\Bob Smith', username: 'Bob Smith', hostnames: ['DESKTOP-7QX2K'] };

const r = createRedactor(posix);
const w = createRedactor(windows);

/** Every case: the secret is gone, the marker is there, and the words around it survive. */
function expectRedacted(redacted: string, secret: string, markerText: string, survivors: string[] = []): void {
  expect(redacted).not.toContain(secret);
  expect(redacted).toContain(markerText);
  for (const word of survivors) expect(redacted).toContain(word);
}

describe('home directory and username in paths', () => {
  it.each([
    ['POSIX path', 'opened /home/alice/circuits/poseidon.wasm ok', '/circuits/poseidon.wasm'],
    ['file:// URL', 'loading file:///home/alice/app/index.html', '/app/index.html'],
    ['URL-encoded path', 'GET /open?path=%2Fhome%2Falice%2Fkeys%2Fk.zkey', '%2Fkeys%2Fk.zkey'],
    ['inside JSON text', '{"path":"/home/alice/x.json"}', '/x.json'],
    ['another user on the same machine', 'found /home/mallory/.ssh/id_rsa', '/.ssh/id_rsa'],
    ['macOS home of anyone', 'cwd=/Users/carol/Library/Logs', '/Library/Logs'],
    ['bare home at end of sentence', 'HOME is /home/alice', 'HOME is'],
  ])('%s', (_name, input, survivor) => {
    const out = r.text(input);
    expect(out).not.toMatch(/alice|mallory|carol/);
    expect(out).toContain('[home]');
    expect(out).toContain(survivor);
  });

  it.each([
    ['backslashes', 'read C:\\Users\\Bob Smith\\AppData\\Roaming\\zkdesk\\settings.json', '\\AppData\\Roaming'],
    ['forward slashes', 'read C:/Users/Bob Smith/Documents/input.json', '/Documents/input.json'],
    ['file URL with encoded space', 'file:///C:/Users/Bob%20Smith/Desktop/proof.json', '/Desktop/proof.json'],
    ['JSON-escaped backslashes', '{"file":"C:\\\\Users\\\\Bob Smith\\\\k.zkey"}', 'k.zkey'],
    ['lower-case drive', 'c:\\users\\bob smith\\x', '\\x'],
    ['fully URL-encoded', 'p=C%3A%5CUsers%5CBob%20Smith%5Cx.txt', 'x.txt'],
    ['another Windows user', 'D:\\Users\\eve\\secret.txt', 'secret.txt'],
  ])('Windows %s', (_name, input, survivor) => {
    const out = w.text(input);
    expect(out).not.toMatch(/bob|eve\\/i);
    expect(out).toContain('[home]');
    expect(out).toContain(survivor);
  });

  it('replaces the username where it appears outside a path, as a whole word', () => {
    expectRedacted(r.text('signed in as alice (uid 1000)'), 'alice', '[user]', ['signed in as', '(uid 1000)']);
    expect(r.text('malice and palace stay')).toBe('malice and palace stay');
    expectRedacted(w.text('owner: Bob Smith'), 'Bob Smith', '[user]', ['owner:']);
  });

  it('does not treat built-in account names or words like "root" as a person', () => {
    const asRoot = createRedactor({ homeDir: '/root', username: 'root' });
    expect(asRoot.text('merkle root mismatch')).toBe('merkle root mismatch');
    expect(asRoot.text('cache at /root/.config/zkdesk/cache')).toBe('cache at [home]/.config/zkdesk/cache');
    expect(asRoot.text('/rootfs/etc stays')).toBe('/rootfs/etc stays');
  });

  it('leaves paths outside any home alone', () => {
    expect(r.text('/usr/lib/node_modules/snarkjs/build/main.cjs')).toBe('/usr/lib/node_modules/snarkjs/build/main.cjs');
    expect(r.text('https://example.com/home/page')).toBe('https://example.com/home/page');
  });
});

describe('hostnames', () => {
  it.each([
    ['machine name', 'worker started on alices-thinkpad', 'worker started on'],
    ['FQDN, other case', 'ALICES-THINKPAD.EXAMPLE.NET refused', 'refused'],
    ['labelled', 'hostname=build-box-17 ready', 'ready'],
    ['JSON-ish label', 'host: db01.corp', ''],
    ['mDNS name', 'peer printer-3.local answered', 'answered'],
    ['internal domain', 'via proxy.internal:3128', ':3128'],
  ])('%s', (_name, input, survivor) => {
    const out = r.text(input);
    expect(out).toContain('[host]');
    expect(out).not.toMatch(/thinkpad|build-box|db01|printer-3|proxy\.internal/i);
    expect(out).toContain(survivor);
  });

  it('keeps localhost and public service names', () => {
    expect(r.text('serving on http://localhost:4173')).toBe('serving on http://localhost:4173');
    expect(r.text('feed at https://updates.zkdesk.dev/beta/latest.yml')).toBe('feed at https://updates.zkdesk.dev/beta/latest.yml');
  });

  it('redacts hostname fields in structured records', () => {
    expect(r.value({ hostname: 'box', pid: 7 })).toEqual({ hostname: '[host]', pid: 7 });
  });
});

describe('email addresses', () => {
  it.each([
    ['plain', 'contact alice.smith+zk@mail.example.org now'],
    ['in angle brackets', 'From: Alice <a_b-c@sub.domain.co.uk>'],
    ['URL-encoded', 'mailto=bob%40example.com&x=1'],
    ['inside JSON', '{"reporter":"carol@example.io"}'],
    ['upper case', 'DAVE@EXAMPLE.COM'],
  ])('%s', (_name, input) => {
    const out = r.text(input);
    expect(out).toContain('[email]');
    expect(out).not.toMatch(/example|domain/i);
  });
});

describe('IP addresses', () => {
  it.each([
    ['IPv4', 'connect 192.168.1.23 failed', '192.168.1.23'],
    ['IPv4 with port', 'peer=10.0.0.7:8545', '10.0.0.7'],
    ['public IPv4', 'from 8.8.4.4.', '8.8.4.4'],
    ['IPv4 in URL', 'http://172.16.254.1/feed', '172.16.254.1'],
  ])('%s', (_name, input, secret) => {
    expectRedacted(r.text(input), secret, '[ipv4]');
  });

  it.each([
    ['full IPv6', 'addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334 up', '2001:0db8:85a3'],
    ['compressed IPv6', 'peer 2001:db8::ff00:42:8329', '2001:db8::'],
    ['link-local with zone', 'fe80::1ff:fe23:4567:890a%eth0', 'fe80::'],
    ['bracketed with port', 'http://[2001:db8::1]:8080/', '2001:db8::1'],
    ['IPv4-mapped', '::ffff:192.0.2.128', '192.0.2.128'],
  ])('%s', (_name, input, secret) => {
    const out = r.text(input);
    expect(out).not.toContain(secret);
    expect(out).toContain('[ipv6]');
    expect(out).not.toMatch(/\[ipv6\][.:]?[0-9a-f]/i);
  });

  it('keeps loopback, times, versions and C++ scopes', () => {
    expect(r.text('listening on 127.0.0.1:9000 and [::1]:9000')).toBe('listening on 127.0.0.1:9000 and [::1]:9000');
    expect(r.text('at 12:30:45 took 3.2 s')).toBe('at 12:30:45 took 3.2 s');
    expect(r.text('snarkjs 0.7.6, node 20.19.4')).toBe('snarkjs 0.7.6, node 20.19.4');
    expect(r.text('std::vector<int> threw')).toBe('std::vector<int> threw');
    expect(r.text('2024-05-01T12:30:45.123Z')).toBe('2024-05-01T12:30:45.123Z');
  });
});

describe('MAC addresses', () => {
  it.each([
    ['colons', 'eth0 00:1A:2b:3C:4d:5E up', '00:1A:2b'],
    ['dashes (Windows)', 'Physical Address 00-1A-2B-3C-4D-5E', '00-1A-2B'],
    ['Cisco dots', 'mac 001a.2b3c.4d5e', '001a.2b3c'],
    ['in JSON', '{"mac":"de:ad:be:ef:00:01"}', 'de:ad:be'],
  ])('%s', (_name, input, secret) => {
    expectRedacted(r.text(input), secret, '[mac]');
  });
});

describe('hardware serials and system UUIDs', () => {
  it.each([
    ['known serial anywhere', 'board PF3ABC12 detected', 'PF3ABC12', '[serial]'],
    ['known serial with spaces', 'vm serial VMware-56 4d 11 22 seen', 'VMware-56 4d 11 22', '[serial]'],
    ['labelled serial', 'Serial Number: C02XK1ZXJG5H', 'C02XK1ZXJG5H', '[serial]'],
    ['S/N label', 'disk S/N=WD-WCC4N1234567', 'WD-WCC4N1234567', '[serial]'],
    ['system UUID', 'uuid 4C4C4544-0042-3510-8052-B4C04F565931', '4C4C4544-0042', '[uuid]'],
    ['lower-case UUID', 'machine 0f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5b', '[uuid]'],
  ])('%s', (_name, input, secret, markerText) => {
    expectRedacted(r.text(input), secret, markerText);
  });

  it('redacts serial and uuid fields by name, and keeps the anonymous install id', () => {
    const out = r.value({
      serial: 'ABC123',
      system: { uuid: 'not-even-a-uuid', sku: 'X1', model: 'ThinkPad' },
      installId: '7d6f0b54-31a2-4c8e-9b1f-5e2d8a9c0f11',
    });
    expect(out).toEqual({
      serial: '[serial]',
      system: { uuid: '[uuid]', sku: '[serial]', model: 'ThinkPad' },
      installId: '7d6f0b54-31a2-4c8e-9b1f-5e2d8a9c0f11',
    });
  });
});

describe('bearer tokens and JWTs', () => {
  const jwt =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
  it.each([
    ['JWT alone', `jwt ${jwt} expired`, jwt, '[jwt]'],
    ['JWT as bearer', `Authorization: Bearer ${jwt}`, jwt, '[jwt]'],
    ['opaque bearer', 'Authorization: Bearer 9f8e7d6c5b4a39281706', '9f8e7d6c5b4a39281706', 'Bearer [token]'],
    ['basic auth header', 'authorization: Basic dXNlcjpwYXNzd29yZDEyMw==', 'dXNlcjpwYXNzd29yZDEyMw==', 'Basic [token]'],
    ['GitHub token', 'push failed with ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'ghp_16C7e42F', '[token]'],
    ['OpenAI-style key', 'using sk-proj-abcdEFGH1234ijklMNOP5678', 'sk-proj-abcd', '[token]'],
    ['AWS access key id', 'aws AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE', '[token]'],
    ['Slack token', 'xoxb-123456789012-abcdefghij', 'xoxb-1234', '[token]'],
  ])('%s', (_name, input, secret, markerText) => {
    expectRedacted(r.text(input), secret, markerText);
  });

  it('keeps prose that only mentions a token', () => {
    expect(r.text('Token validation failed, basic checks passed')).toBe('Token validation failed, basic checks passed');
  });
});

describe('API keys and secrets in key=value, JSON and query strings', () => {
  it.each([
    ['key=value', 'api_key=abc123def456 retry=3', 'abc123def456', ['retry=3']],
    ['key: value (YAML/header)', 'password: hunter2\nport: 22', 'hunter2', ['port: 22']],
    ['quoted JSON pair', '{"clientSecret": "s3cr3t-value", "id": 4}', 's3cr3t-value', ['"id": 4']],
    ['escaped JSON in a string', '"{\\"apiKey\\":\\"zz-top-9\\",\\"n\\":1}"', 'zz-top-9', ['\\"n\\":1']],
    ['query string', 'GET https://feed.example/x?channel=beta&access_token=Zm9vYmFy&n=2', 'Zm9vYmFy', ['channel=beta', '&n=2']],
    ['short query key', 'https://maps.example/api?key=AbCdEf0123&z=4', 'AbCdEf0123', ['&z=4']],
    ['URL credentials', 'proxy http://alice:pa55w0rd@proxy.example:8080', 'pa55w0rd', ['@proxy.example:8080']],
    ['env-style assignment', 'export NPM_TOKEN=npm-abcdef123456', 'npm-abcdef123456', ['export']],
    ['numeric secret in JSON', '{"pin_password": 123456}', '123456', ['pin_password']],
    ['double-quoted value', 'password="two words" next', 'two words', ['next']],
    ['single-quoted value', "secret='x y z' next", 'x y z', ['next']],
  ])('%s', (_name, input, secret, survivors) => {
    expectRedacted(r.text(input), secret, '[secret]', survivors);
  });

  it('redacts secret-named fields in records whatever their nesting', () => {
    expect(
      r.value({ request: { headers: { authorization: 'Bearer x', 'x-api-key': 'k' }, url: '/feed' }, session_id: 'abc' }),
    ).toEqual({ request: { headers: { authorization: '[secret]', 'x-api-key': '[secret]' }, url: '/feed' }, session_id: '[secret]' });
  });
});

describe('long hex strings', () => {
  const key = 'a3f1c9e07b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a';
  it.each([
    ['private key', `private ${key} loaded`, key],
    ['0x-prefixed seed', 'seed 0x9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d', '9c2e4b6d8f0a1c3e'],
    ['in JSON', `{"k":"${key}"}`, key],
  ])('%s', (_name, input, secret) => {
    expectRedacted(r.text(input), secret, '[hex]');
  });

  it('keeps labelled content hashes, which identify files rather than people', () => {
    expect(r.text(`zkey sha256=${key}`)).toContain(key);
    expect(r.text(`sha256: ${key}`)).toContain(key);
    expect(r.value({ circuitSha256: key, note: key })).toEqual({ circuitSha256: key, note: '[hex]' });
    // The profile fingerprint hashes non-unique hardware facts; a private key under another name does not survive.
    expect(r.value({ fingerprint: key, note: key })).toEqual({ fingerprint: key, note: '[hex]' });
  });

  it('keeps short hex such as commit ids and pids', () => {
    expect(r.text('commit 3f9a2c1 pid 0x1f4')).toBe('commit 3f9a2c1 pid 0x1f4');
  });
});

describe('environment variables', () => {
  it('redacts the values of secret-looking variables wherever they appear', () => {
    expectRedacted(r.text('connecting with correct-horse-battery to db'), 'correct-horse-battery', '[env]', ['connecting with', 'to db']);
    expectRedacted(r.text('token ghs_notAPrefixButEnvValue12345 used'), 'ghs_notAPrefixButEnvValue12345', '[env]');
  });

  it('replaces every value of an environment dump but keeps the names', () => {
    expect(r.value({ env: { PATH: '/usr/bin', AWS_SECRET: 'x', HOME: '/home/alice' } })).toEqual({
      env: { PATH: '[env]', AWS_SECRET: '[env]', HOME: '[env]' },
    });
  });

  it('does not treat ordinary variables as secrets', () => {
    expect(r.text('PATH is /usr/bin:/bin')).toBe('PATH is /usr/bin:/bin');
  });
});

describe('private proof inputs', () => {
  it.each([['input'], ['inputs'], ['privateInputs'], ['witness'], ['witnessValues'], ['wtns'], ['privateSignals'], ['signalValues'], ['input_json']])(
    'drops the whole value under "%s"',
    (key) => {
      const record = { msg: 'job queued', circuitId: 'poseidon-12', [key]: { a: '123456789', b: ['1', '2'] } };
      expect(r.value(record)).toEqual({ msg: 'job queued', circuitId: 'poseidon-12', [key]: '[input]' });
    },
  );

  it('keeps input file names and public signal counts', () => {
    expect(r.value({ inputPath: '/tmp/in.json', publicSignalCount: 2 })).toEqual({ inputPath: '/tmp/in.json', publicSignalCount: 2 });
  });

  it('redacts very long decimal field elements that leak into messages', () => {
    const element = '21888242871839275222246405745257275088548364400416034343698204186575808495617';
    expectRedacted(r.text(`Assert Failed. value ${element}`), element, '[hex]', ['Assert Failed. value']);
  });
});

describe('structure survives', () => {
  const records: unknown[] = [
    { level: 30, msg: 'opened /home/alice/x', path: 'C:\\Users\\alice\\y', nested: { email: 'a@b.co', list: ['10.1.2.3', 'fe80::1'] } },
    { token: 'Bearer abc.def', text: 'password="quoted" then api_key="weird"' },
    { msg: 'multi\nline\twith "quotes" and \\backslashes\\ at C:\\\\Users\\\\alice\\\\z', n: 1.5, ok: true, none: null },
    { 'key with /home/alice/in it': 'v', arr: [[['2001:db8::1']]], jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc' },
  ];

  it.each(records.map((rec, i) => [i, rec] as const))('record %i redacted as text is still valid JSON', (_i, record) => {
    const line = JSON.stringify(record);
    const viaText = r.text(line);
    expect(() => JSON.parse(viaText) as unknown).not.toThrow();
    expect(viaText).not.toMatch(/alice|a@b\.co|10\.1\.2\.3|2001:db8|quoted|weird/);
  });

  it.each(records.map((rec, i) => [i, rec] as const))('record %i redacted as a JSON line keeps its shape', (_i, record) => {
    const out = JSON.parse(r.jsonLine(JSON.stringify(record))) as Record<string, unknown>;
    expect(Object.keys(out)).toHaveLength(Object.keys(record as object).length);
    expect(JSON.stringify(out)).not.toMatch(/alice|a@b\.co|10\.1\.2\.3|2001:db8|quoted|weird/);
  });

  it('keeps numbers, booleans and nulls as they are, and turns errors into plain objects', () => {
    const err = Object.assign(new Error('EACCES: permission denied, open /home/alice/k.zkey'), { code: 'EACCES' });
    const out = r.value({ n: 3, b: false, z: null, err }) as { err: { message: string; code: string; type: string } };
    expect(out).toMatchObject({ n: 3, b: false, z: null, err: { type: 'Error', code: 'EACCES' } });
    expect(out.err.message).toBe('EACCES: permission denied, open [home]/k.zkey');
  });

  it('redacts a non-JSON line as text', () => {
    expect(r.jsonLine('plain alice@example.com line')).toBe('plain [email] line');
  });
});
