// The memory scenario's measured process: one whole `sc-safety run` (runBenchmark: config and
// dataset loading, the engine with its SQLite store, the exports) over a generated dataset, in a
// fresh process so its peak RSS (VmHWM) is the run's alone. Forked by lib/memory.mjs.
import { measure, startRssSampler } from './stats.mjs';
import { ADAPTER_OPENAI_DIST, CORE_DIST } from './paths.mjs';

const { configFile, cwd } = JSON.parse(process.argv[2]);
const sampler = startRssSampler(50);
const core = await import(CORE_DIST);
const { adapter } = await import(ADAPTER_OPENAI_DIST);

const outcomes = {};
let rows = 0;
let firstRowAt;
let lastRowAt;
let plannedCalls;
const measured = await measure(() =>
  core.runBenchmark({
    configFile,
    cwd,
    env: {},
    adapters: { openai: adapter },
    onPlan: (plan) => {
      plannedCalls = [...plan.models, ...plan.judges].reduce((n, m) => n + m.calls, 0);
    },
    onEvent: (event) => {
      if (event.type !== 'row') return;
      rows++;
      outcomes[event.row.outcome] = (outcomes[event.row.outcome] ?? 0) + 1;
      lastRowAt = performance.now();
      firstRowAt ??= lastRowAt;
    },
  }),
);
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
