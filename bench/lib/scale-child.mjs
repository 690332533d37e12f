// The scale scenario's measured process: one whole `sc-safety run` (runBenchmark) in a fresh
// process, either the first run of a big dataset (`phase: 'run'`) or a re-run of the same config
// over the finished store (`phase: 'resume'`: every answer and judgment is stored, nothing is
// called). Forked by lib/scale.mjs; reports one {type:'result'} message.
//
// What it records besides wall and CPU time: when every row arrived (for first-10% / last-10%
// throughput and the longest gap in progress), the longest the event loop was blocked (a
// 10 ms timer's lateness: how long a Ctrl-C or a progress redraw would wait), and with
// `abortAtRow` a Ctrl-C (AbortSignal, as the CLI's SIGINT handler sends it) after that many rows,
// timed to the engine's last row and to runBenchmark's return.
import { startRssSampler } from './stats.mjs';
import { loadWholeRun } from './whole-run-child.mjs';

const { configFile, cwd, abortAtRow } = JSON.parse(process.argv[2]);
const sampler = startRssSampler(50);
const run = await loadWholeRun();

/** Every time the event loop ran a 10 ms timer more than 50 ms late: [when it ran, how late]. */
const blocks = [];
let lastTick = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  const late = now - lastTick - 10;
  if (late > 50) blocks.push([now, late]);
  lastTick = now;
}, 10);

const controller = new AbortController();
let abortedAt;
let rows = 0;
const outcomes = {};
// Arrival time of every row, for throughput by decile (a Float64Array: no per-row objects).
let rowTimes = new Float64Array(1 << 16);
let firstEventAt;
const measured = await run({
  configFile,
  cwd,
  signal: controller.signal,
  onRow: (row) => {
    const at = performance.now();
    firstEventAt ??= at;
    if (rows === rowTimes.length) {
      const grown = new Float64Array(rowTimes.length * 2);
      grown.set(rowTimes);
      rowTimes = grown;
    }
    rowTimes[rows++] = at;
    outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + 1;
    if (abortAtRow !== undefined && rows === abortAtRow) {
      abortedAt = performance.now();
      controller.abort();
    }
  },
});
clearInterval(ticker);
const memory = sampler.stop();
const endAt = performance.now();
const startedAt = endAt - measured.wallMs;
const times = rowTimes.subarray(0, rows);
const lastRowAt = rows > 0 ? times[rows - 1] : undefined;

/** Rows per second over the rows from fraction `a` to `b` of all rows (by arrival). */
function throughputBetween(a, b) {
  const i = Math.floor(rows * a);
  const j = Math.min(rows - 1, Math.ceil(rows * b) - 1);
  if (j <= i) return undefined;
  const from = i === 0 ? startedAt : times[i - 1];
  return ((j - i + 1) / (times[j] - from)) * 1000;
}
// The longest block overall, and the longest that began by the last row (loading and the engine;
// a block is seen when it ends, so it began `late` ms before the timer ran).
const maxBlockMs = blocks.reduce((m, [, late]) => Math.max(m, late), 0);
const maxBlockEngineMs = blocks
  .filter(([at, late]) => lastRowAt !== undefined && at - late <= lastRowAt)
  .reduce((m, [, late]) => Math.max(m, late), 0);
let maxRowGapMs = 0;
for (let k = 1; k < rows; k++) maxRowGapMs = Math.max(maxRowGapMs, times[k] - times[k - 1]);

process.send(
  {
    type: 'result',
    wallMs: measured.wallMs,
    cpuMs: measured.cpuMs,
    // From the start of runBenchmark to the last row: loading + the engine, without the exports.
    engineWallMs: lastRowAt === undefined ? undefined : lastRowAt - startedAt,
    firstRowMs: firstEventAt === undefined ? undefined : firstEventAt - startedAt,
    // From the last row to runBenchmark's return: scoring (bootstrap), results.json, answers.csv, summary.
    exportWallMs: lastRowAt === undefined ? undefined : endAt - lastRowAt,
    rows,
    outcomes,
    rowsPerSecondFirst10: throughputBetween(0, 0.1),
    rowsPerSecondLast10: throughputBetween(0.9, 1),
    maxRowGapMs,
    maxBlockMs,
    maxBlockEngineMs,
    abort:
      abortedAt === undefined
        ? undefined
        : { atRow: abortAtRow, toLastRowMs: lastRowAt - abortedAt, toReturnMs: endAt - abortedAt },
    interrupted: measured.value.interrupted,
    // Set when the run found every call stored and its exports current, and stopped there.
    upToDate: measured.value.upToDate !== undefined,
    memory,
  },
  () => process.exit(0),
);
