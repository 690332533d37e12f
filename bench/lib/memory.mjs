// Memory scenario: a whole `sc-safety run` of a large generated dataset (N items → N×2 answers and
// N×2 judgments) against a low-latency fake, in its own process; reports peak RSS and wall time.
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './stats.mjs';
import { PREFLIGHT_PROBES, withWholeRun } from './whole-run.mjs';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-child.mjs');

export function memoryScenario({ itemCount, latencyMs, targetConcurrency, judgeConcurrency, log }) {
  const scaffold = { name: 'memory', itemCount, latencyMs, targetConcurrency, judgeConcurrency };
  return withWholeRun(scaffold, async ({ dataset, output, runMeasured }) => {
    const { result: r, calls, fakeCpuMs } = await runMeasured(CHILD);
    const result = {
      itemCount,
      latencyMs,
      concurrency: { target: targetConcurrency, judge: judgeConcurrency },
      datasetMb: round(statSync(dataset).size / 2 ** 20),
      calls,
      expectedCalls: itemCount * 4,
      plannedCalls: r.plannedCalls,
      rows: r.rows,
      outcomes: r.outcomes,
      wallMs: round(r.wallMs),
      engineWallMs: round(r.engineWallMs),
      exportWallMs: round(r.wallMs - r.engineWallMs),
      throughput: round(calls / (r.engineWallMs / 1000)),
      cpuMs: round(r.cpuMs),
      cpuPerCallMs: round(r.cpuMs / calls, 3),
      peakRssMb: round(r.memory.vmHwmMb ?? r.memory.peakRssMb),
      sampledPeakRssMb: round(r.memory.peakRssMb),
      heapAtPeakMb: round(r.memory.heapAtPeakMb),
      atPeak: r.memory.atPeak,
      timeline: r.memory.timeline,
      storeMb: round(statSync(path.join(output, 'store.sqlite')).size / 2 ** 20),
      fakeCpuMs: round(fakeCpuMs),
    };
    if (calls !== itemCount * 4 + PREFLIGHT_PROBES)
      result.warning = `expected ${itemCount * 4} calls + ${PREFLIGHT_PROBES} preflight probes, the fake saw ${calls}`;
    if ((r.outcomes.scored ?? 0) !== itemCount * 2)
      result.warning = `not every row was scored: ${JSON.stringify(r.outcomes)}`;
    log(
      `  memory: ${itemCount} items, ${calls} calls, peak RSS ${result.peakRssMb} MB, wall ${(result.wallMs / 1000).toFixed(1)} s (engine ${(result.engineWallMs / 1000).toFixed(1)} s), cpu/call ${result.cpuPerCallMs} ms${result.warning ? `  WARNING: ${result.warning}` : ''}`,
    );
    return result;
  });
}
