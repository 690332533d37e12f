import { describe, expect, it } from 'vitest';
import { formatHash, linkTo, parseHash } from './route.js';

describe('hash routes', () => {
  it('reads views, items and parameters', () => {
    expect(parseHash('')).toEqual({ view: 'overview', item: null, params: {} });
    expect(parseHash('#/transcripts?model=a&q=%E5%AE%89%E5%85%A8&lang=en')).toEqual({
      view: 'transcripts',
      item: null,
      params: { model: 'a', q: '安全', lang: 'en' },
    });
    expect(parseHash('#/item/ts%2Fx%3F1?run=1').item).toBe('ts/x?1');
    expect(parseHash('#/nonsense?x=1').view).toBe('overview');
    expect(parseHash('#/item/%E0%A4%A').item).toBeNull();
  });

  it('writes what it reads (shareable URLs)', () => {
    for (const hash of [
      '#/charts?lang=en',
      '#/item/a%20b%3Cscript%3E?lang=en&run=2',
      '#/transcripts?model=m%26x&q=a+b&round=2',
    ]) {
      expect(formatHash(parseHash(hash))).toBe(formatHash(parseHash(formatHash(parseHash(hash)))));
      expect(parseHash(formatHash(parseHash(hash)))).toEqual(parseHash(hash));
    }
    expect(formatHash({ view: 'transcripts', item: null, params: { q: '', model: 'x' } })).toBe(
      '#/transcripts?model=x',
    );
  });

  it('keeps language and run across views, drops the rest', () => {
    const current = parseHash('#/transcripts?lang=en&run=1&model=a');
    expect(linkTo(current, 'charts')).toBe('#/charts?lang=en&run=1');
    expect(linkTo(current, 'item', {}, 'x-1')).toBe('#/item/x-1?lang=en&run=1');
  });
});
