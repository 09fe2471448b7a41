// Which command modules a run loads: only the one it needs; none when it only lists them (the
// list comes from commandSummaries, which must say what the commands themselves say).
import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { asksUsage, asksVersion, commandLoaders, commandSummaries, commandsToLoad } from '../../../main/cli/commands/index.js';

const all = Object.keys(commandLoaders);

describe('commandsToLoad', () => {
  it('loads only the command named, wherever the global options stand', () => {
    expect(commandsToLoad(['prove', '--circuit', 'stress-12', '--sample'])).toEqual(['prove']);
    expect(commandsToLoad(['--data-dir', '/tmp/help', '--json', 'circuits'])).toEqual(['circuits']);
    expect(commandsToLoad(['--data-dir=/tmp/x', 'inspect', 'a.zip'])).toEqual(['inspect']);
    expect(commandsToLoad(['help', 'errors/E_IO'])).toEqual(['help']);
    expect(commandsToLoad(['help', '--search', 'memory'])).toEqual(['help']);
  });

  it('loads help and the command whose usage help shows', () => {
    expect(commandsToLoad(['help', 'prove'])).toEqual(['help', 'prove']);
  });

  it('loads none when only the list of commands is shown', () => {
    expect(commandsToLoad([])).toEqual([]);
    expect(commandsToLoad(['--help'])).toEqual([]);
    expect(commandsToLoad(['proov'])).toEqual([]); // an unknown command gets suggestions from the summaries' names
    expect(commandsToLoad(['help'])).toEqual([]);
    expect(asksUsage(['help'])).toBe(true);
    expect(asksUsage(['help', '--search', 'x'])).toBe(false);
  });

  it('loads none for --version', () => {
    expect(commandsToLoad(['--version'])).toEqual([]);
    expect(asksVersion(['--version'])).toBe(true);
    expect(asksVersion(['-V'])).toBe(true);
    expect(asksVersion(['release', 'feed', 'build', '--version', '3.0.0'])).toBe(false);
  });

  it('names every command file there is', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(new URL('../../../main/cli/commands/', import.meta.url))).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(all.sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it('summarises each command as the command itself describes it', async () => {
    const program = new Command('zkdesk');
    for (const register of await Promise.all(all.map((name) => (commandLoaders[name] as () => Promise<(p: Command) => void>)()))) register(program);
    const help = new Help();
    const actual = Object.fromEntries(program.commands.map((c) => [c.name(), { term: help.subcommandTerm(c), description: c.description() }]));
    expect(commandSummaries).toEqual(actual);
  }, 120_000); // loads (and transforms) every command module, slow on a busy machine
});
