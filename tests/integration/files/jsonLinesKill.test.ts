// A writer killed with SIGKILL at many points: no record it acknowledged is ever lost, the file
// reads back cleanly (every line a record), and what a kill cut off is set aside in `.torn`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { JsonLinesAppender, readJsonLines } from '../../../main/services/files/jsonLinesFile.js';

const child = path.resolve('tests/fixtures/files/appendUntilKilled.mjs');
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs one writer until the file has grown by `growth` bytes and it is killed; returns every id it acknowledged. */
function writeUntilKilled(file: string, prefix: string, growth: number): Promise<{ acked: string[]; repairedBytes: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, prefix, String(growth)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    let repairedBytes = 0;
    createInterface({ input: proc.stdout }).on('line', (line) => {
      if (line.startsWith('opened ')) {
        repairedBytes = Number(line.slice(7));
        return;
      }
      acked.push(line);
    });
    proc.on('error', reject);
    // 'close' waits for stdout to drain: every acknowledgement the writer managed to print is counted.
    proc.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve({ acked, repairedBytes }) : reject(new Error(`writer ended without being killed (${signal})`))));
  });
}

it('loses no acknowledged record when the writer is killed at any point, and reads back cleanly', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-jsonl-kill-'));
  const file = path.join(dir, 'history.jsonl');
  const acked: string[] = [];
  let repairs = 0;
  for (let round = 0; round < 40; round++) {
    // Anywhere in the first two rounds of record sizes (about 6.6 MB): mostly inside the big records.
    const result = await writeUntilKilled(file, `r${round}`, Math.floor(Math.random() * 6_600_000));
    acked.push(...result.acked);
    if (result.repairedBytes > 0) repairs++;
  }
  // A last writer that is not killed repairs whatever the last kill tore.
  const last = new JsonLinesAppender(file);
  last.open();
  last.close();

  const content = await readJsonLines(file, (v): v is { id: string } => typeof (v as { id?: unknown }).id === 'string');
  expect(content.skipped).toBe(0);
  expect(content.tornTail).toBe(false);
  const ids = content.records.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const kept = new Set(ids);
  expect(acked.filter((id) => !kept.has(id))).toEqual([]);
  expect(acked.length).toBeGreaterThan(100);
  // Kills landed inside records (about half of them do), so the repair was exercised, not just clean ends.
  expect(repairs).toBeGreaterThan(0);
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  if (repairs > 0) expect((await stat(`${file}.torn`)).mode & 0o777).toBe(0o600);
  console.log(`SIGKILL test: 40 writers killed, ${acked.length} acknowledged records all kept, ${repairs + (last.tornBytes > 0 ? 1 : 0)} torn tails set aside.`);
}, 300_000);
