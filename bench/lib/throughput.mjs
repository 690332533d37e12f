// Throughput scenario: the engine against a bare SDK loop, same fake server, same total
// concurrency, same number of requests. Each run is its own process (lib/throughput-child.mjs);
// runs alternate engine, bare, bare, engine, … so drift in machine load hits both sides alike.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.mjs';
import { startFake } from './fake-client.mjs';
import { round } from './stats.mjs';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'throughput-child.mjs');

/** Order of sides for `runsPerSide` runs each: ABBA ABBA … */
function order(runsPerSide) {
  const sides = [];
  for (let i = 0; i < runsPerSide; i++) sides.push(...(i % 2 === 0 ? ['engine', 'bare'] : ['bare', 'engine']));
  return sides;
}

/**
 * Runs one concurrency level: `runsPerSide` runs of each side against one fake server answering
 * after `latencyMs`. Returns every run and the best of each side (highest throughput).
 */
export async function throughputScenario({
  concurrency,
  latencyMs,
  itemCount,
  runsPerSide,
  durability,
  bareFetch = 'global',
  engineSlots = 'shared',
  profileDir,
  log,
}) {
  const fake = await startFake(latencyMs);
  const runs = [];
  try {
    for (const side of order(runsPerSide)) {
      const storeDir = mkdtempSync(path.join(os.tmpdir(), 'sc-safety-bench-store-'));
      const execArgv = profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${side}-${Date.now()}.cpuprofile`]
        : [];
      try {
        const before = await fake.stats();
        const r = await runChild(
          CHILD,
          { side, baseURL: fake.baseURL, concurrency, itemCount, storeDir, durability, bareFetch, engineSlots },
          { execArgv },
        );
        const after = await fake.stats();
        const calls = after.total - before.total - r.warmupCalls;
        const expected = itemCount * 4;
        const run = {
          side,
          concurrency,
          latencyMs,
          calls,
          expectedCalls: expected,
          wallMs: round(r.wallMs),
          throughput: round(calls / (r.wallMs / 1000)),
          idealThroughput: round(concurrency / (latencyMs / 1000)),
          cpuMs: round(r.cpuMs),
          cpuPerCallMs: round(r.cpuMs / calls, 3),
          cpuUserMs: round(r.cpuUserMs),
          cpuSystemMs: round(r.cpuSystemMs),
          peakRssMb: round(r.memory.vmHwmMb ?? r.memory.peakRssMb),
          fakeCpuMs: round(after.cpuMs - before.cpuMs),
          lanes: r.lanes,
          ...(side === 'engine' ? { rows: r.rows, outcomes: r.outcomes } : { answered: r.answered }),
        };
        if (calls !== expected) run.warning = `expected ${expected} calls, the fake saw ${calls}`;
        if (side === 'engine' && (r.outcomes.scored ?? 0) !== itemCount * 2)
          run.warning = `not every row was scored: ${JSON.stringify(r.outcomes)}`;
        runs.push(run);
        log(
          `  c=${concurrency} ${side.padEnd(6)} ${String(run.throughput).padStart(7)} req/s  wall ${(run.wallMs / 1000).toFixed(1)} s  cpu/call ${run.cpuPerCallMs.toFixed(3)} ms  rss ${run.peakRssMb} MB${run.warning ? `  WARNING: ${run.warning}` : ''}`,
        );
      } finally {
        rmSync(storeDir, { recursive: true, force: true });
      }
    }
  } finally {
    await fake.close();
  }
  const best = (side) => runs.filter((r) => r.side === side).reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const engine = best('engine');
  const bare = best('bare');
  return {
    concurrency,
    latencyMs,
    itemCount,
    bareFetch,
    engineSlots,
    calls: itemCount * 4,
    runs,
    best: { engine, bare },
    ratio: round(engine.throughput / bare.throughput, 3),
  };
}
