// The installed app's command line: which argv starts the CLI instead of a window, and which
// commands it offers. The same runCli as bin/zkdesk.js runs them, in this process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedCliArgs, runInstalledCli } from '../../../main/cli/installedCli.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe('the installed app as zkdesk', () => {
  it('starts the CLI for the launcher flag or a command name first, and the window otherwise', () => {
    expect(installedCliArgs(['/opt/zkdesk/zkdesk', '--zkdesk-cli', 'doctor', '--json'])).toEqual(['doctor', '--json']);
    expect(installedCliArgs(['/opt/zkdesk/zkdesk', 'profile'])).toEqual(['profile']);
    expect(installedCliArgs(['/opt/zkdesk/zkdesk', '--zkdesk-cli', '--no-sandbox', 'inspect', 'b.zip'])).toEqual(['inspect', 'b.zip']);
    expect(installedCliArgs(['/opt/zkdesk/zkdesk'])).toBeNull();
    expect(installedCliArgs(['/opt/zkdesk/zkdesk', '--data-dir', '/tmp/x'])).toBeNull();
    expect(installedCliArgs(['/usr/bin/electron', '.'])).toBeNull();
  });

  it('refuses the release tooling with a sentence, and runs an offered command', async () => {
    const said: string[] = [];
    expect(await runInstalledCli(['release', 'verify'], (t) => said.push(t))).toBe(2);
    expect(said.join('')).toContain('"release" is not available in the installed app');
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      expect(await runInstalledCli(['--version'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(out.join('').trim()).toBe((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('ships launchers that start the app binary with --zkdesk-cli and pass every argument on', () => {
    const sh = readFileSync(path.join(root, 'resources', 'bin', 'zkdesk'), 'utf8');
    expect(sh.startsWith('#!/bin/sh\n')).toBe(true);
    expect(sh).toContain('exec "$app" --zkdesk-cli "$@"');
    const cmd = readFileSync(path.join(root, 'resources', 'bin', 'zkdesk.cmd'), 'utf8');
    expect(cmd).toContain('"%~dp0..\\..\\zkdesk.exe" --zkdesk-cli %*');
    expect(cmd).toContain('exit /b %ZKDESK_CLI_CODE%');
  });
});
