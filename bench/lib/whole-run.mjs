// The set-up every whole-`sc-safety run` scenario shares (memory, scale): a temp folder, the fake
// endpoint, a generated dataset and a run config pointing the target and the judge at the fake; and
// one measured run of a child script (lib/whole-run-child.mjs) with the calls the fake saw meanwhile.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild } from './child.mjs';
import { writeBenchDataset } from './dataset.mjs';
import { startFake } from './fake-client.mjs';

const API_KEY = 'sk-bench-not-a-real-key-0000';

/** `sc-safety run` probes the target's and the judge's endpoint once each before the first call (preflight). */
export const PREFLIGHT_PROBES = 2;

/** A run config (YAML) with one OpenAI-protocol target and judge, both at `baseURL`. */
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

/**
 * Calls `body` with a temp folder (`dir`, the run's output under `dir/run`), a dataset of `itemCount`
 * items, its run config (`configFile`) and `runMeasured(child, arg)`: forks `child` with
 * `{ configFile, cwd: dir, ...arg }` and resolves with its result, the calls the fake saw during it
 * (`calls`) and the fake's CPU time meanwhile (`fakeCpuMs`). The fake and the folder go afterwards.
 */
export async function withWholeRun({ name, itemCount, latencyMs, targetConcurrency, judgeConcurrency }, body) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sc-safety-bench-${name}-`));
  const fake = await startFake(latencyMs);
  try {
    const dataset = path.join(dir, 'bench-dataset.jsonl');
    await writeBenchDataset(dataset, itemCount);
    const configFile = path.join(dir, 'bench-run.yaml');
    const output = path.join(dir, 'run');
    writeFileSync(
      configFile,
      configYaml({ dataset, output, baseURL: fake.baseURL, targetConcurrency, judgeConcurrency }),
    );
    const runMeasured = async (child, arg = {}) => {
      const before = await fake.stats();
      const result = await runChild(child, { configFile, cwd: dir, ...arg });
      const after = await fake.stats();
      return { result, calls: after.total - before.total, fakeCpuMs: after.cpuMs - before.cpuMs };
    };
    return await body({ dir, dataset, output, configFile, runMeasured });
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
