import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRunConfig } from '../config/load-run-config.js';
import type { PlanEstimate } from './estimate-plan.js';
import { runBenchmark } from './run-benchmark.js';

const config = (target: string) =>
  [
    'dataset: builtin:sample',
    'output: out',
    'models:',
    `  - { id: ${target}, adapter: openai, model: ${target}, apiKey: sk-test-0000 }`,
    'judge: { id: judge-a, adapter: openai, model: judge-a, apiKey: sk-test-0000 }',
    '',
  ].join('\n');

describe('runBenchmark with a config already loaded', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-run-benchmark-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const plan = async (loadedConfig?: Awaited<ReturnType<typeof loadRunConfig>>) => {
    let seen: PlanEstimate | undefined;
    await runBenchmark({
      configFile: path.join(dir, 'run.yaml'),
      cwd: dir,
      env: {},
      dryRun: true,
      preflight: false,
      ...(loadedConfig ? { loadedConfig } : {}),
      onPlan: (p) => void (seen = p),
    });
    return seen?.models.map((m) => m.id);
  };

  it('plans from `loadedConfig` without reading the file again, and from the file without it', async () => {
    await writeFile(path.join(dir, 'run.yaml'), config('target-loaded'));
    const loaded = await loadRunConfig(path.join(dir, 'run.yaml'), { cwd: dir, env: {}, allowUnsetSecrets: true });
    // The file changes after it was loaded: only a second read would see the new model.
    await writeFile(path.join(dir, 'run.yaml'), config('target-on-disk'));
    expect(await plan(loaded)).toEqual(['target-loaded']);
    expect(await plan()).toEqual(['target-on-disk']);
  });
});
