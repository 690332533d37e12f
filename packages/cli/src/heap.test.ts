// Tests of bin/heap.cjs (the executable's heap growth setting, shipped as written).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HEAP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/heap.cjs');
const { HEAP_GROWING_PERCENT, HEAP_LIMIT_FLOOR_BYTES, growingPercentFor, sizeHeapByLiveData } = createRequire(
  import.meta.url,
)(HEAP) as {
  HEAP_GROWING_PERCENT: number;
  HEAP_LIMIT_FLOOR_BYTES: number;
  growingPercentFor(liveBytes: number): number;
  sizeHeapByLiveData(execArgv?: string[], env?: Record<string, string | undefined>): boolean;
};
const MB = 2 ** 20;

describe('heap.cjs', () => {
  it("leaves a user's own heap growth alone, in Node's flags or NODE_OPTIONS", () => {
    expect(sizeHeapByLiveData(['--heap-growing-percent=20'], {})).toBe(false);
    expect(sizeHeapByLiveData([], { NODE_OPTIONS: '--max-old-space-size=512 --heap_growing_percent=10' })).toBe(false);
    expect(HEAP_GROWING_PERCENT).toBeGreaterThan(0);
  });

  it('sets it otherwise, and the heap then grows less before a full collection', () => {
    // The same program with and without: a live array, and garbage that lives a few rounds (so it
    // reaches the old generation, as a run's in-flight calls do). With the setting the heap a full
    // collection lets grow stays near 1.5× the live size (here about 110 MB against about 200 MB).
    const script = `
      if (process.argv[1] === 'set') require(${JSON.stringify(HEAP)}).sizeHeapByLiveData([], {});
      const live = Array.from({ length: 300000 }, (_, i) => ({ i, s: 'x' + i }));
      const ring = [];
      let peak = 0;
      for (let round = 0; round < 300; round++) {
        const junk = [];
        for (let i = 0; i < 20000; i++) junk.push({ i, s: 'y' + i + round });
        ring.push(junk);
        if (ring.length > 4) ring.shift();
        peak = Math.max(peak, require('node:v8').getHeapStatistics().total_heap_size);
      }
      process.stdout.write(String(peak + live.length * 0));
    `;
    const peak = (mode: string) =>
      Number(spawnSync(process.execPath, ['-e', script, mode], { encoding: 'utf8' }).stdout);
    const unset = peak('unset');
    const set = peak('set');
    expect(set).toBeGreaterThan(0);
    expect(set).toBeLessThan(unset * 0.75);
  });

  it('lets a small live heap grow to the floor before a full collection, and a large one by the base growth', () => {
    expect(HEAP_LIMIT_FLOOR_BYTES).toBe(80 * MB);
    // 38 MB alive (a run of 200 calls in flight): the next collection near 80 MB, not at 57 MB.
    const percent = growingPercentFor(38 * MB);
    expect(38 * (1 + percent / 100)).toBeGreaterThanOrEqual(80);
    expect(38 * (1 + (percent - 1) / 100)).toBeLessThan(80);
    // Never more than V8's own 4×, never less than the base growth.
    expect(growingPercentFor(5 * MB)).toBe(300);
    expect(growingPercentFor(0)).toBe(300);
    expect(growingPercentFor(70 * MB)).toBe(HEAP_GROWING_PERCENT);
    expect(growingPercentFor(2_000 * MB)).toBe(HEAP_GROWING_PERCENT);
  });

  it('follows the live size after full collections, and puts the start-up growth back for the code caches', () => {
    const script = `
      const heap = require(${JSON.stringify(HEAP)});
      const v8 = require('node:v8');
      heap.sizeHeapByLiveData([], {});
      const seen = [];
      const set = v8.setFlagsFromString;
      // Every change the observer makes from here on.
      v8.setFlagsFromString = (s) => { seen.push(s); return set.call(v8, s); };
      const live = Array.from({ length: 100000 }, (_, i) => ({ i }));
      global.gc();
      setTimeout(() => {
        const during = seen.slice();
        heap.restoreHeapGrowth();
        process.stdout.write(JSON.stringify({ during, after: seen.slice(during.length), live: live.length }));
      }, 50);
    `;
    const out = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    const { during, after } = JSON.parse(out.stdout) as { during: string[]; after: string[] };
    // A small heap after a full collection: the growth goes up to reach the floor.
    expect(during).toHaveLength(1);
    expect(Number(/=(\d+)/.exec(during[0]!)![1])).toBeGreaterThan(HEAP_GROWING_PERCENT);
    expect(after).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });
});
