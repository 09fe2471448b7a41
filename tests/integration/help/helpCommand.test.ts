// `zkdesk help`, as the CLI's own error messages tell a user to run it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';

const run = promisify(execFile);
const zkdesk = path.join(projectRoot(), 'bin', 'zkdesk.js');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [zkdesk, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('zkdesk help', () => {
  it('opens the article an error points to, and the pointer in the error is one that works', async () => {
    const failed = await cli(['prove', '--circuit', 'no-such-circuit', '--sample']);
    expect(failed.code).toBe(1);
    const pointer = /help: zkdesk help (\S+)/.exec(failed.stderr)?.[1];
    expect(pointer).toBe('errors/E_CIRCUIT_UNKNOWN');

    const { code, stdout } = await cli(['help', pointer as string]);
    expect(code).toBe(0);
    expect(stdout).toContain('No circuit with that id (E_CIRCUIT_UNKNOWN)');
    expect(stdout).toContain('Details');
    expect(stdout).not.toContain('Expert\n------');
    expect(stdout).toContain('More: zkdesk help errors/E_CIRCUIT_UNKNOWN --depth expert');
  });

  it('shows the expert depth on request, and the whole article as JSON', async () => {
    const expert = await cli(['help', 'warnings/on-battery', '--depth', 'expert']);
    expect(expert.stdout).toContain('Expert\n------');
    expect(expert.stdout).toContain('batteryRule.ts');
    const json = JSON.parse((await cli(['--json', 'help', 'warnings/on-battery'])).stdout) as { article: { id: string; details: string } };
    expect(json.article.id).toBe('warnings/on-battery');
    expect(json.article.details.length).toBeGreaterThan(100);
  });

  it('finds articles by words with a typo, and suggests the closest ids for an unknown one', async () => {
    expect((await cli(['help', '--search', 'batery'])).stdout.split('\n')[0]).toBe('warnings/on-battery');
    const unknown = await cli(['help', 'errors/E_OUT_OF_MEMRY']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Did you mean errors/E_OUT_OF_MEMORY');
  });

  it('still prints usage for no topic or a command name', async () => {
    expect((await cli(['help'])).stdout).toContain('Usage: zkdesk');
    expect((await cli(['help', 'doctor'])).stdout).toContain('Usage: zkdesk doctor');
  });
});
