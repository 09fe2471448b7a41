// The receiver as the release team runs it (`node bin/zkdesk.js release collect`), storing into a
// real SQLite file: a report with a field the schema does not name, or a path where a version or
// an error code belongs, is refused and never stored; a report sent twice is stored once; and a
// kill -9 in the middle of a stream of reports loses none that were acknowledged.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postReport, readStore, sampleReport, startCollectorProcess, type CollectorProcess } from './canaryFixture.js';

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
});
