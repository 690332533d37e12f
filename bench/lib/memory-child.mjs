// The memory scenario's measured process: one whole `sc-safety run` (runBenchmark: config and
// dataset loading, the engine with its SQLite store, the exports) over a generated dataset, in a
// fresh process so its peak RSS (VmHWM) is the run's alone. Forked by lib/memory.mjs.
import { startRssSampler } from './stats.mjs';
import { loadWholeRun } from './whole-run-child.mjs';

const { configFile, cwd } = JSON.parse(process.argv[2]);
const sampler = startRssSampler(50);
const run = await loadWholeRun();

const outcomes = {};
let rows = 0;
let firstRowAt;
let lastRowAt;
let plannedCalls;
const measured = await run({
  configFile,
  cwd,
  onPlan: (plan) => {
    plannedCalls = [...plan.models, ...plan.judges].reduce((n, m) => n + m.calls, 0);
  },
  onRow: (row) => {
    rows++;
    outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + 1;
    lastRowAt = performance.now();
    firstRowAt ??= lastRowAt;
  },
});
const memory = sampler.stop();
const startedAt = performance.now() - measured.wallMs;
process.send(
  {
    type: 'result',
    wallMs: measured.wallMs,
    cpuMs: measured.cpuMs,
    cpuUserMs: measured.cpuUserMs,
    cpuSystemMs: measured.cpuSystemMs,
    // From the start of runBenchmark to the last row: loading + the engine, without the exports.
    engineWallMs: lastRowAt === undefined ? undefined : lastRowAt - startedAt,
    rows,
    outcomes,
    plannedCalls,
    interrupted: measured.value.interrupted,
    memory,
  },
  () => process.exit(0),
);
