// Tests of bin/heap.cjs (the executable's heap growth setting, shipped as written).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HEAP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/heap.cjs');
const { HEAP_GROWING_PERCENT, sizeHeapByLiveData } = createRequire(import.meta.url)(HEAP) as {
  HEAP_GROWING_PERCENT: number;
  sizeHeapByLiveData(execArgv?: string[], env?: Record<string, string | undefined>): boolean;
};

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
});
