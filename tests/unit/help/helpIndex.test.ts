import { beforeAll, describe, expect, it } from 'vitest';
import type { HelpArticle } from '../../../common/help/helpArticle.js';
import { HelpIndex } from '../../../common/help/helpIndex.js';
import { loadHelpArticles } from '../../../main/services/help/helpLoader.js';

function make(id: string, fields: Partial<HelpArticle> = {}): HelpArticle {
  return { id, title: id, summary: 'A short summary.', tags: ['misc'], related: [], details: 'Nothing here.', expert: 'Nothing.', ...fields };
}

const fixtures: HelpArticle[] = [
  make('warnings/heavy-swap', {
    title: 'The machine is swapping heavily',
    summary: 'Memory has been moved to disk.',
    tags: ['memory'],
    details: 'Close programs.',
  }),
  make('guides/troubleshooting', {
    title: 'Troubleshooting',
    summary: 'From symptom to cause.',
    details: 'If the machine is swapping, swapping makes proofs slow; heavy swapping can stop them. Check swapping on Overview, or run `journalctl -k`.',
  }),
  make('warnings/runtime-emulated', {
    title: 'zkdesk is running under emulation',
    summary: 'This build is translated as it runs.',
    tags: ['architecture'],
    details: 'On a Mac the translation layer is called Rosetta.',
  }),
  make('errors/E_OUT_OF_MEMORY', { title: 'The proof ran out of memory', tags: ['memory'], related: ['warnings/heavy-swap', 'guides/gone'] }),
];

describe('HelpIndex over fixtures', () => {
  const index = new HelpIndex(fixtures);

  it('finds an article by a word that appears only in its body', () => {
    const hits = index.search('Rosetta');
    expect(hits.map((h) => h.id)).toEqual(['warnings/runtime-emulated']);
    expect(hits[0]?.title).toBe('zkdesk is running under emulation');
  });

  it('finds an article despite a typo', () => {
    expect(index.search('emulaton')[0]?.id).toBe('warnings/runtime-emulated');
    expect(index.search('Roseta')[0]?.id).toBe('warnings/runtime-emulated');
  });

  it('finds by the start of a word, as someone types it', () => {
    expect(index.search('emul')[0]?.id).toBe('warnings/runtime-emulated');
  });

  it('ranks the article with the word in its title above one that repeats it in the body', () => {
    const ids = index.search('swapping').map((h) => h.id);
    expect(ids[0]).toBe('warnings/heavy-swap');
    expect(ids).toContain('guides/troubleshooting');
  });

  it('finds a word written as code in backticks', () => {
    const hit = index.search('journalctl')[0];
    expect(hit?.id).toBe('guides/troubleshooting');
    expect(hit?.terms).toEqual(['journalctl']);
  });

  it('finds an error article by its code', () => {
    expect(index.search('E_OUT_OF_MEMORY')[0]?.id).toBe('errors/E_OUT_OF_MEMORY');
  });

  it('limits hits to one section when asked', () => {
    expect(index.search('memory', { section: 'errors' }).map((h) => h.id)).toEqual(['errors/E_OUT_OF_MEMORY']);
  });

  it('finds nothing for an empty or stop-word query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('the of and')).toEqual([]);
  });

  it('looks articles up by id and follows only related links that exist', () => {
    expect(index.get('warnings/heavy-swap')?.title).toBe('The machine is swapping heavily');
    expect(index.get('warnings/nope')).toBeUndefined();
    expect(index.related('errors/E_OUT_OF_MEMORY').map((a) => a.id)).toEqual(['warnings/heavy-swap']);
  });
});

describe('HelpIndex over the shipped articles', () => {
  let index: HelpIndex;
  beforeAll(async () => {
    index = new HelpIndex(await loadHelpArticles());
  });

  it('answers what a tester would type with the article they need first', () => {
    expect(index.search('batery')[0]?.id).toBe('warnings/on-battery');
    expect(index.search('memroy')[0]?.id).toMatch(/memory/i);
    expect(index.search('what is a zk proof')[0]?.id).toBe('guides/what-is-a-zk-proof');
    expect(index.search('E_TIMEOUT')[0]?.id).toBe('errors/E_TIMEOUT');
    expect(index.search('privacy')[0]?.id).toBe('guides/privacy');
    expect(index.search('staged rollout')[0]?.id).toBe('guides/updates-and-channels');
  });

  it('reaches the expert depth too', () => {
    expect(index.search('dmesg').map((h) => h.id).sort()).toEqual(['errors/E_WORKER_CRASHED', 'guides/troubleshooting']);
  });
});
