import { describe, expect, it } from 'vitest';
import { CachedLookup } from './cached-lookup.js';

describe('CachedLookup', () => {
  const signal = new AbortController().signal;

  it('reads once while fresh, again after ttl, and shares a read in flight', async () => {
    let clock = 0;
    let reads = 0;
    const lookup = new CachedLookup(
      async () => `v${++reads}`,
      100,
      () => clock,
    );
    expect(await Promise.all([lookup.get(signal), lookup.get(signal)])).toEqual(['v1', 'v1']);
    clock = 99;
    expect(await lookup.get(signal)).toBe('v1');
    clock = 100;
    expect(await lookup.get(signal)).toBe('v2');
    expect(reads).toBe(2);
  });

  it('keeps the last value when a read fails, and waits ttl before trying again', async () => {
    let clock = 0;
    let fail = false;
    let reads = 0;
    const lookup = new CachedLookup(
      async () => {
        reads++;
        if (fail) throw new Error('server gone');
        return 'digest-a';
      },
      10,
      () => clock,
    );
    lookup.set('digest-a');
    fail = true;
    clock = 10;
    expect(await lookup.get(signal)).toBe('digest-a');
    expect(await lookup.get(signal)).toBe('digest-a');
    expect(reads).toBe(1);
  });
});
