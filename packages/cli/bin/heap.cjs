// How big V8 lets the heap of an sc-safety process grow. Shipped as written, like sc-safety.cjs.
//
// Why: what a run keeps alive is small (a 1,000,000-call run: about 70 MB after a full collection),
// but a run allocates fast, and then V8 lets the old generation grow to up to four times the live
// size before it collects again: the heap, not the data, set the run's RSS (250,000 items: 257 MB
// at the start, 408 MB at the end, `bench/README.md`). `--heap-growing-percent=50` makes the
// next collection come at 1.5 times the live size instead. It is a growth factor, not a ceiling:
// a bigger run still gets the heap it needs. Measured on a replay of 50,000 items: peak RSS 249 →
// 176 MB, the same wall time; full collections 8 → 26, 50 → 191 ms of pauses in an 18 s run.
'use strict';

/** The growth V8 is given: the next full collection at (1 + this / 100) × the live heap. */
const HEAP_GROWING_PERCENT = 50;

/**
 * Below this live size the heap may grow to it before a full collection: 1.5 × a small live heap
 * collects too often. A run of 20,000 calls at 200 in flight keeps about 38 MB alive; at 1.5× it
 * made 34 full collections in 23 s, and their concurrent marking cost as much CPU as the store
 * (bench `throughput`, `bench/README.md`). A heap that lives above it grows by
 * {@link HEAP_GROWING_PERCENT} as before, so a long run's peak is unchanged.
 */
const HEAP_LIMIT_FLOOR_BYTES = 80 * 2 ** 20;
/** No more than V8's own ceiling for a small heap (4 × the live size). */
const MAX_GROWING_PERCENT = 300;

/** The growth for a heap that keeps `liveBytes` alive: up to the floor, never under the base growth. */
function growingPercentFor(liveBytes) {
  if (!(liveBytes > 0)) return MAX_GROWING_PERCENT;
  const toFloor = Math.ceil((HEAP_LIMIT_FLOOR_BYTES / liveBytes - 1) * 100);
  return Math.min(MAX_GROWING_PERCENT, Math.max(HEAP_GROWING_PERCENT, toFloor));
}

/** Puts back the growth set at start-up, once the process no longer adjusts it (see {@link sizeHeapByLiveData}). */
let restoreStartupGrowth = () => {};

/**
 * Sets V8's heap growth for this process, unless the user chose one (`--heap-growing-percent` in
 * Node's flags or NODE_OPTIONS). Called before any bundle is compiled: V8 keys its code caches by
 * its flags, so every run must set them at the same point, to {@link HEAP_GROWING_PERCENT}. After
 * each full collection the growth for the next one follows the live size ({@link growingPercentFor});
 * {@link restoreHeapGrowth} puts the start-up value back before code caches are written.
 * @returns {boolean} whether it was set here
 */
function sizeHeapByLiveData(execArgv = process.execArgv, env = process.env) {
  const own = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].some((flag) =>
    /^--heap[-_]growing[-_]percent\b/.test(flag),
  );
  if (own) return false;
  const v8 = require('node:v8');
  const { PerformanceObserver, constants } = require('node:perf_hooks');
  let current = HEAP_GROWING_PERCENT;
  const setGrowth = (percent) => {
    if (percent === current) return;
    v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
    current = percent;
  };
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // Reported just after the collection: the heap in use then is close to what it kept alive.
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some((entry) => entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR))
      setGrowth(growingPercentFor(v8.getHeapStatistics().used_heap_size));
  });
  observer.observe({ entryTypes: ['gc'] });
  restoreStartupGrowth = () => {
    observer.disconnect();
    setGrowth(HEAP_GROWING_PERCENT);
  };
  return true;
}

/** Stops following the live size and puts back the start-up growth (before code caches are written at exit). */
function restoreHeapGrowth() {
  restoreStartupGrowth();
  restoreStartupGrowth = () => {};
}

module.exports = {
  HEAP_GROWING_PERCENT,
  HEAP_LIMIT_FLOOR_BYTES,
  growingPercentFor,
  restoreHeapGrowth,
  sizeHeapByLiveData,
};
