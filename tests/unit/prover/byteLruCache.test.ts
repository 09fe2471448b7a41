import { describe, expect, it } from 'vitest';
import { ByteLruCache } from '../../../native-workers/byteLruCache.js';

describe('ByteLruCache', () => {
  it('evicts the least recently used entries once the byte budget is passed', () => {
    const cache = new ByteLruCache<string>(100);
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    expect(cache.get('a')).toBe('A'); // a is now the most recent
    cache.set('c', 'C', 40);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
    expect(cache.bytes).toBe(80);
  });

  it('never keeps an entry larger than the whole budget', () => {
    const cache = new ByteLruCache<string>(100);
    cache.set('small', 's', 10);
    cache.set('huge', 'h', 500);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('small')).toBe('s');
  });

  it('replacing a key does not count its bytes twice', () => {
    const cache = new ByteLruCache<string>(100);
    cache.set('a', 'v1', 60);
    cache.set('a', 'v2', 60);
    expect(cache.bytes).toBe(60);
    expect(cache.get('a')).toBe('v2');
  });
});
