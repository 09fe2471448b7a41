// `zkdesk bundle` and `zkdesk inspect` as a user runs them: the built CLI in a child process,
// a data directory seeded with planted secrets in every category, a real zip read back.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { promisify } from 'node:util';
import yazl from 'yazl';
import { createDiagnosticsLogger } from '../../../main/services/diagnostics/logger.js';
import { writeCrashRecord } from '../../../main/services/diagnostics/crashRecords.js';
import { createRedactor } from '../../../main/services/diagnostics/redact.js';
import { mountSmallDisk } from '../../support/smallDisk.js';
import { unzipEntries } from '../../support/unzipEntries.js';

const run = promisify(execFile);
const cli = path.resolve('bin/zkdesk.js');
const installId = '5b0e4c1a-8f3d-4e2b-9a71-c6d5e4f3a2b1';
const ENV_SECRET = 'planted-env-secret-value-7731';

/** Each planted secret, and a word beside it that must survive. */
const planted = {
  home: ['/home/plantedalice/wallet/keys.json', '/wallet/keys.json'],
  winHome: ['C:\\Users\\PlantedBob\\AppData\\input.json', 'AppData'],
  fileUrl: ['file:///Users/plantedcarol/Desktop/proof.json', 'Desktop'],
  encodedHome: ['%2Fhome%2Fplanteddave%2Fx', '%2Fx'],
  email: ['planted.person@example-corp.com', 'reporter'],
  ipv4: ['203.0.113.77', 'peer'],
  ipv6: ['2001:db8:4006:812::200e', 'peer6'],
  mac: ['3c:22:fb:91:0a:7e', 'nic'],
  uuid: ['4c4c4544-0042-3510-8052-b4c04f565931', 'board'],
  serial: ['Serial Number: C02PLANTED77', 'Serial Number'],
  jwt: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlcGxhbnRlZA', 'session'],
  bearer: ['Bearer plantedBearer0123456789', 'Authorization'],
  apiKey: ['api_key=plantedApiKey99', 'retry'],
  queryToken: ['?access_token=plantedQueryTok55&channel=beta', 'channel=beta'],
  // Bare long hex is redacted as [hex]; the same hex after "privkey" is a prose secret, [secret].
  hex: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'blob'],
  proseKey: ['privkey 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8', 'unlock'],
  host: ['buildbox-planted.local', 'via'],
  env: [ENV_SECRET, 'connecting'],
} as const;

const secretPattern = /plantedalice|PlantedBob|plantedcarol|planteddave|planted\.person|203\.0\.113\.77|2001:db8:4006|3c:22:fb|4c4c4544|C02PLANTED|eyJzdWIiOiJwbGFudGVkIn0|plantedBearer|plantedApiKey|plantedQueryTok|9f86d081884c|5e884898da28|buildbox-planted|planted-env-secret|witness-secret-4242/i;

function sentence(): string {
  return Object.values(planted)
    .map(([secret, beside]) => `${beside} ${secret}`)
    .join(' | ');
}

let dataDir: string;
let work: string;


/** Rewrites a zip, changing, dropping or adding entries: what a tamperer would do. */
async function rewriteZip(from: string, to: string, change: (entries: Map<string, string>) => void): Promise<void> {
  const entries = await unzipEntries(from);
  change(entries);
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  await writeFile(to, await new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  }));
}

async function zkdesk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, '--data-dir', dataDir, ...args], {
      env: { ...process.env, ZK_TEST_API_TOKEN: ENV_SECRET },
      cwd: work,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bundle-'));
  dataDir = path.join(work, 'data');
  await mkdir(path.join(dataDir, 'jobs'), { recursive: true });
  await mkdir(path.join(dataDir, 'bench'), { recursive: true });
  await mkdir(path.join(dataDir, 'logs'), { recursive: true });

  // Settings with a secret where a user could put one (the feedback endpoint's query string), and
  // every category in fields a hand edit or an older build might have left: as text, nested, keyed.
  await writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify(
      {
        installId,
        updateChannel: 'beta',
        theme: 'dark',
        feedbackEndpoint: 'https://feedback.zkdesk.dev/in?access_token=plantedQueryTok55&channel=beta',
        notes: `settings note: ${sentence()}`,
        recent: Object.values(planted).map(([secret, beside]) => `${beside} ${secret}`),
        proxy: { credentials: { user: 'plantedalice', password: ['plantedApiKey99'] }, host: 'buildbox-planted.local', mac: '3c:22:fb:91:0a:7e' },
      },
      null,
      2,
    ),
  );

  // Logs written through the logger (redacted at write) ...
  const log = createDiagnosticsLogger({ dataDir, processName: 'main', maxBytes: 1 << 20, retentionDays: 30, redaction: { env: { ZK_TEST_API_TOKEN: ENV_SECRET } } });
  log.scope('prover').warn({ detail: sentence(), input: { a: 'witness-secret-4242' } }, `planted: ${sentence()}`);
  log.writeWorkerRecord(999, { level: 'error', msg: `worker saw ${sentence()}`, fields: { path: planted.home[0] } });
  log.close();
  // ... and an old, unredacted log file from before redaction existed: the bundle must still clean it.
  await writeFile(
    path.join(dataDir, 'logs', 'main-20240101T000000Z-1-0.jsonl'),
    `${JSON.stringify({ level: 'error', time: '2024-01-01T00:00:00.000Z', scope: 'main', msg: `legacy ${sentence()}` })}\nnot json at all: ${sentence()}\n`,
  );

  // Job history: failures whose messages carry secrets, one verified job, one torn line.
  const job = (n: number, outcome: string, extra: object) =>
    JSON.stringify({ jobId: `job-${n}`, circuitId: 'poseidon-12', circuitSha256: 'ab'.repeat(32), outcome, timings: { queuedMs: 1, witnessMs: 2, proveMs: 3, verifyMs: 4, totalMs: 10 }, peakRssBytes: 1e8, workerPid: 77, startedAt: '2099-01-01T00:00:00Z', finishedAt: `2099-01-01T00:00:0${n}Z`, ...extra });
  await writeFile(
    path.join(dataDir, 'jobs', 'history.jsonl'),
    [job(1, 'verified', {}), job(2, 'failed', { errorCode: 'E_OUT_OF_MEMORY', errorMessage: `ran out at ${sentence()}` }), '{"torn":', job(3, 'failed', { errorCode: 'E_INPUT_INVALID', errorMessage: 'bad input.json' })].join('\n') + '\n',
  );

  // A crash record (raw, as an older build might have left it) and one written by the service.
  await mkdir(path.join(dataDir, 'crashes'), { recursive: true });
  await writeFile(path.join(dataDir, 'crashes', 'worker-exit-20990101T000000Z-77-abc.json'), JSON.stringify({ kind: 'worker-exit', at: '2099-01-01T00:00:00Z', pid: 77, exitCode: 134, message: sentence() }));
  await writeCrashRecord(dataDir, { kind: 'worker-exit', at: new Date().toISOString(), pid: 78, signal: 'SIGKILL', exitCode: null, lastLogLines: [sentence()] }, createRedactor({}));

  await writeFile(path.join(dataDir, 'bench', 'run-1.json'), JSON.stringify({ circuit: 'poseidon-12', ratio: 1.02, machine: planted.host[0], cwd: planted.home[0] }));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('zkdesk bundle', () => {
  it('writes a bundle in which no planted secret survives and the text around them does', async () => {
    const result = await zkdesk(['bundle', '--out', path.join(work, 'b.zip'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const files = await unzipEntries(path.join(work, 'b.zip'));
    expect([...files.keys()].sort()).toEqual(
      expect.arrayContaining(['manifest.json', 'profile.json', 'warnings.json', 'settings.json', 'jobs/history.jsonl', 'crashes/index.json', 'bench/run-1.json']),
    );
    // The two planted log files, and the CLI's own log of this `bundle` run.
    const logs = [...files.keys()].filter((f) => f.startsWith('logs/'));
    expect(logs.filter((f) => !f.startsWith('logs/cli-'))).toHaveLength(2);
    expect(files.get(logs.find((f) => f.startsWith('logs/cli-')) ?? '')).toContain('"command":"bundle"');
    expect([...files.keys()].filter((f) => f.startsWith('crashes/') && f !== 'crashes/index.json').length).toBe(2);

    for (const [name, content] of files) {
      expect(content, `${name} leaks a planted secret`).not.toMatch(secretPattern);
    }
    const everything = [...files.values()].join('\n');
    for (const [, beside] of Object.values(planted)) expect(everything).toContain(beside);
    for (const m of ['[home]', '[email]', '[ipv4]', '[ipv6]', '[mac]', '[uuid]', '[serial]', '[jwt]', '[token]', '[secret]', '[hex]', '[host]', '[env]', '[input]']) {
      expect(everything, `no ${m} marker`).toContain(m);
    }
    // Structure survives: every JSON file and every JSON line still parses.
    for (const [name, content] of files) {
      if (name.endsWith('.json')) expect(() => JSON.parse(content) as unknown, name).not.toThrow();
      if (name === 'jobs/history.jsonl') for (const line of content.trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
    // settings.json on its own: still JSON, every planted category gone, the words beside them kept.
    const settingsText = files.get('settings.json') ?? '';
    const settings = JSON.parse(settingsText) as { notes: string; recent: string[]; proxy: unknown; theme: string };
    expect(settingsText).not.toMatch(secretPattern);
    expect(settings.theme).toBe('dark');
    for (const [, beside] of Object.values(planted)) expect(settings.notes).toContain(beside);
    expect(settings.recent).toHaveLength(Object.keys(planted).length);
    expect(settings.proxy).toEqual({ credentials: '[secret]', host: '[host]', mac: '[mac]' });
    // The anonymous install id and content hashes are kept; they are what support needs.
    const manifest = JSON.parse(files.get('manifest.json') ?? '{}') as { installId: string; app: { channel: string }; files: { path: string; sha256: string }[] };
    expect(manifest.installId).toBe(installId);
    expect(manifest.app.channel).toBe('beta');
    expect(files.get('jobs/history.jsonl')).toContain('ab'.repeat(32));
    expect(files.get('jobs/history.jsonl')?.trim().split('\n')).toHaveLength(3);
  });

  it('inspect summarises an intact bundle: version, machine, warnings, failed jobs, crashes, warning log lines', async () => {
    const result = await zkdesk(['inspect', path.join(work, 'b.zip')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Integrity: OK');
    expect(result.stdout).toMatch(/App: 0\.\d+\.\d+.* \(beta\)/);
    expect(result.stdout).toMatch(/Machine: .+ RAM/);
    expect(result.stdout).toContain('E_OUT_OF_MEMORY');
    expect(result.stdout).toContain('E_INPUT_INVALID');
    expect(result.stdout).toContain('Crashes: 2');
    expect(result.stdout).toMatch(/WARN \[prover\] planted:/);
    expect(result.stdout).toMatch(/ERROR \[worker:999\]/);
    const json = await zkdesk(['inspect', path.join(work, 'b.zip'), '--json']);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; summary: { jobs: { failed: number }; crashCount: number } };
    expect(parsed.ok).toBe(true);
    expect(parsed.summary.jobs.failed).toBe(2);
  });

  it('detects a changed file as tampered, a removed one as incomplete, an added one as tampered (exit code 2)', async () => {
    const original = path.join(work, 'b.zip');
    const changed = path.join(work, 'changed.zip');
    const removed = path.join(work, 'removed.zip');
    const added = path.join(work, 'added.zip');
    await rewriteZip(original, changed, (e) => e.set('jobs/history.jsonl', (e.get('jobs/history.jsonl') ?? '').replace('E_OUT_OF_MEMORY', 'E_CANCELLED')));
    await rewriteZip(original, removed, (e) => e.delete('settings.json'));
    await rewriteZip(original, added, (e) => e.set('extra.txt', 'hello'));

    const c = await zkdesk(['inspect', changed]);
    expect(c.code).toBe(2);
    expect(c.stdout).toContain('Integrity: TAMPERED');
    expect(c.stdout).toContain('changed: jobs/history.jsonl');
    const r = await zkdesk(['inspect', removed, '--json']);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { summary: { integrity: { status: string; missing: string[] } } }).summary.integrity).toMatchObject({ status: 'incomplete', missing: ['settings.json'] });
    const a = await zkdesk(['inspect', added]);
    expect(a.code).toBe(2);
    expect(a.stdout).toContain('not in the manifest: extra.txt');

    const truncated = path.join(work, 'truncated.zip');
    const bytes = await readFile(original);
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const t = await zkdesk(['inspect', truncated]);
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('E_BUNDLE_TAMPERED');
  });

  it('cuts a bundle over the cap instead of failing, keeps the newest lines, and says what was cut', async () => {
    const big = path.join(dataDir, 'logs', 'main-20990101T000000Z-5-0.jsonl');
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ level: 'info', time: '2099-01-01T00:00:00.000Z', scope: 'main', msg: `line ${i} ${'x'.repeat(40)}` }));
    await writeFile(big, `${lines.join('\n')}\n`);
    try {
      const out = path.join(work, 'capped.zip');
      const result = await zkdesk(['bundle', '--out', out, '--cap-mb', '0.5', '--json']);
      expect(result.code, result.stderr).toBe(0);
      expect((await stat(out)).size).toBeLessThanOrEqual(512 * 1024);
      const files = await unzipEntries(out);
      const manifest = JSON.parse(files.get('manifest.json') ?? '{}') as { cut: { path: string; reason: string; keptBytes: number }[] };
      const cut = manifest.cut.find((c) => c.path === 'logs/main-20990101T000000Z-5-0.jsonl');
      expect(cut?.reason).toMatch(/kept the newest \d+ of 30000 lines/);
      const kept = files.get('logs/main-20990101T000000Z-5-0.jsonl') ?? '';
      expect(kept).toContain('line 29999 ');
      expect(kept).not.toContain('"line 0 ');
      expect(files.has('settings.json')).toBe(true);
      const inspect = await zkdesk(['inspect', out]);
      expect(inspect.code).toBe(0);
      expect(inspect.stdout).toContain('Cut to fit the size cap:');
    } finally {
      await rm(big);
    }
  });

  it('preview lists every section and writes nothing; a left-out section is not in the zip', async () => {
    const before = await readdir(work);
    const preview = await zkdesk(['bundle', '--preview', '--exclude', 'logs', 'bench', '--json']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(await readdir(work)).toEqual(before);
    const parsed = JSON.parse(preview.stdout) as { preview: { sections: { id: string; included: boolean; reason?: string; entries: { path: string; text: string | null }[] }[] } };
    const byId = new Map(parsed.preview.sections.map((s) => [s.id, s]));
    expect(byId.get('logs')).toMatchObject({ included: false, reason: 'left out by the user' });
    const settingsText = byId.get('settings')?.entries[0]?.text ?? '';

    const out = path.join(work, 'partial.zip');
    expect((await zkdesk(['bundle', '--out', out, '--exclude', 'logs', 'bench'])).code).toBe(0);
    const files = await unzipEntries(out);
    expect([...files.keys()].some((f) => f.startsWith('logs/') || f.startsWith('bench/'))).toBe(false);
    // What the preview showed is byte for byte what was written.
    expect(files.get('settings.json')).toBe(settingsText);
    const shown = await zkdesk(['bundle', '--preview', '--show', 'settings.json']);
    expect(shown.stdout).toBe(settingsText);
  });

  it('an unwritable output path is a clear E_IO and leaves nothing behind', async () => {
    const blocker = path.join(work, 'not-a-dir');
    await writeFile(blocker, 'x');
    const result = await zkdesk(['bundle', '--out', path.join(blocker, 'b.zip')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error E_IO/);
    expect((await readdir(work)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('a full disk is E_DISK_FULL and leaves no partial zip (real tmpfs, where it can be mounted)', async (ctx) => {
    const disk = await mountSmallDisk();
    if (!disk) return ctx.skip();
    try {
      // Full: the bundle's first block of data has nowhere to go.
      await disk.fill();
      const result = await zkdesk(['bundle', '--out', path.join(disk.dir, 'b.zip')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('error E_DISK_FULL');
      expect((await readdir(disk.dir)).filter((f) => !f.startsWith('ballast-'))).toEqual([]);
    } finally {
      await disk.release();
    }
  });

  it('inspect --diff says what changed between two bundles of the install: channel, new failures, crashes', async () => {
    const before = path.join(work, 'b.zip');
    // Things change on the machine: a new failed job, a new crash, another channel.
    const failed = { jobId: 'job-9', circuitId: 'stress-14', circuitSha256: 'cd'.repeat(32), outcome: 'failed', errorCode: 'E_TIMEOUT', errorMessage: 'took too long', timings: { queuedMs: 0, witnessMs: 0, proveMs: 0, verifyMs: 0, totalMs: 1 }, peakRssBytes: null, workerPid: 80, startedAt: '2099-01-02T00:00:00Z', finishedAt: '2099-01-02T00:00:09Z' };
    await writeFile(path.join(dataDir, 'jobs', 'history.jsonl'), `${JSON.stringify(failed)}\n`, { flag: 'a' });
    await writeCrashRecord(dataDir, { kind: 'worker-exit', at: new Date().toISOString(), pid: 80, signal: 'SIGSEGV', exitCode: null }, createRedactor({}));
    const settingsFile = path.join(dataDir, 'settings.json');
    await writeFile(settingsFile, (await readFile(settingsFile, 'utf8')).replace('"updateChannel": "beta"', '"updateChannel": "stable"'));
    const after = path.join(work, 'after.zip');
    expect((await zkdesk(['bundle', '--out', after])).code).toBe(0);

    const text = await zkdesk(['inspect', '--diff', before, after]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Channel: beta -> stable');
    expect(text.stdout).toContain('New failures: 1');
    expect(text.stdout).toContain('stress-14 E_TIMEOUT');
    expect(text.stdout).toContain('Crashes: 2 -> 3');
    expect(text.stdout).not.toContain('different installs');

    const json = await zkdesk(['inspect', '--diff', before, after, '--json']);
    const parsed = JSON.parse(json.stdout) as { diff: { sameInstall: boolean; channel: { from: string; to: string }; crashes: { from: number; to: number } } };
    expect(parsed.diff).toMatchObject({ sameInstall: true, channel: { from: 'beta', to: 'stable' }, crashes: { from: 2, to: 3 } });

    // A tampered bundle is still compared, and the exit code says so; one bundle is not a diff.
    const changed = path.join(work, 'changed.zip');
    const tampered = await zkdesk(['inspect', '--diff', before, changed]);
    expect(tampered.code).toBe(2);
    expect(tampered.stdout).toContain('tampered');
    const single = await zkdesk(['inspect', '--diff', before]);
    expect(single.code).toBe(1);
    expect(single.stderr).toContain('E_INPUT_INVALID');
  });
});
