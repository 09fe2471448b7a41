// The receiver as the release team runs it (`node bin/zkdesk.js release collect`), storing into a
// real SQLite file: a report with a field the schema does not name, or a path where a version or
// an error code belongs, is refused and never stored; a report sent twice is stored once; and a
// kill -9 in the middle of a stream of reports loses none that were acknowledged: with posts made
// by the test, and with installs as separate processes whose outboxes keep what was not
// acknowledged and deliver it, exactly once, to the restarted receiver.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postReport, projectRoot, readStore, sampleReport, startCollectorProcess, type CollectorProcess } from './canaryFixture.js';

let dir: string;
let collector: CollectorProcess | null = null;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-collect-'));
});
afterEach(async () => {
  await collector?.stop();
  collector = null;
  await rm(dir, { recursive: true, force: true });
});

const stored = (db: string): string[] => readStore(db, (store) => store.ids());

describe('release collect', () => {
  it('refuses a report with an extra field or a path in it, and stores a good one once', async () => {
    const db = path.join(dir, 'reports.sqlite');
    collector = await startCollectorProcess(['--db', db]);

    const extra = await postReport(collector.reports, { ...sampleReport(), hostname: 'alice-laptop' });
    expect(extra.status).toBe(422);
    expect(extra.body.error).toContain('hostname');

    const pathAsVersion = await postReport(collector.reports, sampleReport({ appVersion: '/home/alice/zkdesk' }));
    expect(pathAsVersion.status).toBe(422);
    const pathAsCode = await postReport(collector.reports, sampleReport({ failed: { 'C:\\Users\\alice\\input.json': 1 } }));
    expect(pathAsCode.status).toBe(422);
    const nested = await postReport(collector.reports, sampleReport({ timings: [{ domainPower: 13, proofs: 1, p50Ms: 1, p95Ms: 1, circuit: '/home/alice/c' } as never] }));
    expect(nested.status).toBe(422);

    const notJson = await fetch(collector.reports, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"schema":' });
    expect(notJson.status).toBe(400);
    const wrongType = await fetch(collector.reports, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(sampleReport()) });
    expect(wrongType.status).toBe(415);

    const good = sampleReport();
    expect((await postReport(collector.reports, good)).status).toBe(201);
    const again = await postReport(collector.reports, good);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);

    await collector.stop();
    expect(stored(db)).toEqual([good.id]);
  });

  it('loses no acknowledged report when killed with SIGKILL mid-stream, and takes the rest after a restart', async () => {
    const db = path.join(dir, 'reports.sqlite');
    collector = await startCollectorProcess(['--db', db]);
    const url = collector.reports;
    const reports = Array.from({ length: 200 }, () => sampleReport());
    const acknowledged = new Set<string>();
    let killed = false;
    const victim = collector;

    // Six installs posting at once; the receiver is killed once 40 answers have come back, while
    // the other requests are on the wire.
    const senders = Array.from({ length: 6 }, async (_, lane) => {
      for (let i = lane; i < reports.length; i += 6) {
        const report = reports[i]!;
        try {
          const answer = await postReport(url, report);
          if (answer.status === 201 || answer.status === 200) acknowledged.add(report.id);
        } catch {
          return; // the receiver is gone: this install keeps the rest in its outbox
        }
        if (!killed && acknowledged.size >= 40) {
          killed = true;
          victim.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(senders);
    await victim.exited;
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeLessThan(reports.length);

    const afterKill = new Set(stored(db));
    for (const id of acknowledged) expect(afterKill.has(id)).toBe(true);

    // The installs send again what they still hold (everything, to be sure): each is stored exactly once.
    collector = await startCollectorProcess(['--db', db]);
    for (const report of reports) {
      const answer = await postReport(collector.reports, report);
      expect(answer.status).toBe(afterKill.has(report.id) ? 200 : 201);
    }
    await collector.stop();
    expect(stored(db).sort()).toEqual(reports.map((r) => r.id).sort());
  });

  it('kill -9 while six install processes send: every report they saw acknowledged is stored, and their outboxes deliver the rest after a restart', async () => {
    const db = path.join(dir, 'reports.sqlite');
    collector = await startCollectorProcess(['--db', db]);
    const port = new URL(collector.reports).port;
    const script = path.join(projectRoot, 'tests', 'fixtures', 'health', 'simulatedInstall.mjs');

    interface Result {
      sent: string[];
      kept: Array<{ id: string; error: string }>;
    }
    /** One install process; resolves `queued` when its reports wait in its outbox, `done` with what it sent and kept. */
    function install(dataDir: string, proofs: number, gate: boolean) {
      const spec = { dataDir, version: '1.4.0-beta.3', proofs: Array.from({ length: proofs }, () => ({ outcome: 'verified' })), batches: Math.max(1, proofs), gate, attempts: 1 };
      const child = spawn(process.execPath, [script, JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'pipe'] });
      const lines: string[] = [];
      const waiters = new Set<() => void>();
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      let buffer = '';
      child.stdout.on('data', (c: Buffer) => {
        buffer += c.toString();
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          lines.push(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
        }
        for (const w of waiters) w();
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      /** The n-th line the install prints (0-based); rejects if it exits first. */
      const line = (n: number) =>
        new Promise<string>((resolve, reject) => {
          const check = () => {
            if (lines.length > n) {
              waiters.delete(check);
              resolve(lines[n]!);
            }
          };
          waiters.add(check);
          check();
          void exited.then((code) => setImmediate(() => lines.length > n || reject(new Error(`install exited (${code}): ${stderr}`))));
        });
      return {
        queued: gate ? line(0).then((l) => (JSON.parse(l) as { queued: number }).queued) : Promise.resolve(0),
        go: () => child.stdin.end('go\n'),
        done: line(gate ? 1 : 0).then((l) => JSON.parse(l) as Result),
      };
    }

    const dataDirs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const dataDir = path.join(dir, `install-${i}`);
        await mkdir(dataDir);
        await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ installId: randomUUID(), updateChannel: 'beta', healthReports: 'on', healthEndpoint: collector!.reports }));
        return dataDir;
      }),
    );
    // Each install queues a start report and one per proof (41), then all send at once.
    const first = dataDirs.map((d) => install(d, 40, true));
    const queued = await Promise.all(first.map((r) => r.queued));
    expect(queued).toEqual(Array(6).fill(41));
    const total = 6 * 41;
    for (const r of first) r.go();
    // Killed once 20 rows are committed, while the installs are still sending.
    const victim = collector;
    await expect.poll(() => readStore(db, (s) => s.count()), { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(20);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const results = await Promise.all(first.map((r) => r.done));

    const acknowledged = results.flatMap((r) => r.sent);
    const kept = results.flatMap((r) => r.kept.map((k) => k.id));
    expect(acknowledged.length + kept.length).toBe(total);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0); // the kill came mid-stream
    const afterKill = new Set(stored(db));
    for (const id of acknowledged) expect(afterKill.has(id)).toBe(true);

    // The receiver restarts on its port; each install starts again (a start report) and its outbox sends what it kept.
    collector = await startCollectorProcess(['--db', db, '--port', port]);
    const second = await Promise.all(dataDirs.map((d) => install(d, 0, false).done));
    expect(second.flatMap((r) => r.kept)).toEqual([]);
    expect(second.flatMap((r) => r.sent)).toHaveLength(kept.length + 6);
    for (const d of dataDirs) expect(await readdir(path.join(d, 'outbox', 'health')).catch(() => [])).toEqual([]);
    await collector.stop();
    // Every report any install made is stored, once.
    const resent = second.flatMap((r) => r.sent);
    for (const id of kept) expect(resent).toContain(id);
    expect(stored(db).sort()).toEqual([...acknowledged, ...resent].sort());
  });
});
