import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, writeRoute } from './route.js';

describe('route in the URL hash', () => {
  it('reads a view and a help article, and writes them back the same way', () => {
    const route = parseRoute('#/help/warnings/few-cores');
    expect(route).toEqual({ view: 'help', helpId: 'warnings/few-cores' });
    expect(routeHash(route)).toBe('#/help/warnings/few-cores');
    expect(parseRoute('#/settings')).toEqual({ view: 'settings', helpId: null });
  });

  it('lands on Overview for an empty or unknown hash instead of a blank page', () => {
    expect(parseRoute('')).toEqual({ view: 'overview', helpId: null });
    expect(parseRoute('#/no-such-view/x')).toEqual({ view: 'overview', helpId: null });
  });

  it('keeps an article id only on the help view, decoded', () => {
    expect(parseRoute('#/prove/errors/E_TIMEOUT')).toEqual({ view: 'prove', helpId: null });
    expect(parseRoute('#/help/errors/E%5FTIMEOUT')).toEqual({ view: 'help', helpId: 'errors/E_TIMEOUT' });
  });

  it('adds a history entry only when the place changed', () => {
    writeRoute({ view: 'benchmarks', helpId: null });
    const length = window.history.length;
    writeRoute({ view: 'benchmarks', helpId: null });
    expect(window.history.length).toBe(length);
    expect(window.location.hash).toBe('#/benchmarks');
  });
});
