// Memory scenario: a whole `sc-safety run` of a large generated dataset (N items → N×2 answers and
// N×2 judgments) against a low-latency fake, in its own process; reports peak RSS and wall time.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.mjs';
import { writeBenchDataset } from './dataset.mjs';
import { startFake } from './fake-client.mjs';
import { round } from './stats.mjs';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-child.mjs');
const API_KEY = 'sk-bench-not-a-real-key-0000';

export function configYaml({ dataset, output, baseURL, targetConcurrency, judgeConcurrency }) {
  const q = (s) => JSON.stringify(s);
  const entry = (id, concurrency) =>
    [
      `    id: ${id}`,
      '    adapter: openai',
      `    model: ${id}`,
      `    baseURL: ${q(baseURL)}`,
      `    apiKey: ${q(API_KEY)}`,
      `    concurrency: ${concurrency}`,
    ].join('\n');
  return [
    '# sc-safety bench: memory scenario (generated)',
    `dataset: ${q(dataset)}`,
    `output: ${q(output)}`,
    'models:',
    entry('bench-target', targetConcurrency).replace(/^ {4}/, '  - '),
    'judge:',
    entry('bench-judge', judgeConcurrency).replace(/^ {2}/gm, ''),
    '',
  ].join('\n');
}

export async function memoryScenario({ itemCount, latencyMs, targetConcurrency, judgeConcurrency, log }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sc-safety-bench-memory-'));
  const fake = await startFake(latencyMs);
  try {
    const dataset = path.join(dir, 'bench-dataset.jsonl');
    await writeBenchDataset(dataset, itemCount);
    const configFile = path.join(dir, 'bench-run.yaml');
    writeFileSync(
      configFile,
      configYaml({
        dataset,
        output: path.join(dir, 'run'),
        baseURL: fake.baseURL,
        targetConcurrency,
        judgeConcurrency,
      }),
    );
    const before = await fake.stats();
    const r = await runChild(CHILD, { configFile, cwd: dir });
    const after = await fake.stats();
    const calls = after.total - before.total;
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
      storeMb: round(statSync(path.join(dir, 'run', 'store.sqlite')).size / 2 ** 20),
      fakeCpuMs: round(after.cpuMs - before.cpuMs),
    };
    if (calls !== itemCount * 4) result.warning = `expected ${itemCount * 4} calls, the fake saw ${calls}`;
    if ((r.outcomes.scored ?? 0) !== itemCount * 2)
      result.warning = `not every row was scored: ${JSON.stringify(r.outcomes)}`;
    log(
      `  memory: ${itemCount} items, ${calls} calls, peak RSS ${result.peakRssMb} MB, wall ${(result.wallMs / 1000).toFixed(1)} s (engine ${(result.engineWallMs / 1000).toFixed(1)} s), cpu/call ${result.cpuPerCallMs} ms${result.warning ? `  WARNING: ${result.warning}` : ''}`,
    );
    return result;
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
