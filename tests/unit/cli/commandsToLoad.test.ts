// Which command modules a run loads: only the one it needs, all of them when it lists them.
import { describe, expect, it } from 'vitest';
import { commandLoaders, commandsToLoad } from '../../../main/cli/commands/index.js';

const all = Object.keys(commandLoaders);

describe('commandsToLoad', () => {
  it('loads only the command named, wherever the global options stand', () => {
    expect(commandsToLoad(['prove', '--circuit', 'stress-12', '--sample'])).toEqual(['prove']);
    expect(commandsToLoad(['--data-dir', '/tmp/help', '--json', 'circuits'])).toEqual(['circuits']);
    expect(commandsToLoad(['--data-dir=/tmp/x', 'inspect', 'a.zip'])).toEqual(['inspect']);
    expect(commandsToLoad(['help', 'errors/E_IO'])).toEqual(['help']);
  });

  it('loads every command when the output may list them', () => {
    expect(commandsToLoad([])).toEqual(all);
    expect(commandsToLoad(['--help'])).toEqual(all);
    expect(commandsToLoad(['proov'])).toEqual(all); // an unknown command gets suggestions from all names
    expect(commandsToLoad(['help'])).toEqual(all);
    expect(commandsToLoad(['help', 'prove'])).toEqual(all);
  });

  it('loads none for --version', () => {
    expect(commandsToLoad(['--version'])).toEqual([]);
    expect(commandsToLoad(['-V'])).toEqual([]);
  });

  it('names every command file there is', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(new URL('../../../main/cli/commands/', import.meta.url))).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(all.sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });
});
