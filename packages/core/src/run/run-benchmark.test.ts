import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRunConfig } from '../config/load-run-config.js';
import type { LoadedRunConfig } from '../config/load-run-config.js';
import { tempDir } from '../dataset/__fixtures__/temp-files.js';
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
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  /** The target ids of a dry run's plan. */
  const plannedTargets = async (loadedConfig?: LoadedRunConfig) => {
    let seen: PlanEstimate | undefined;
    await runBenchmark({
      configFile: path.join(tmp.dir, 'run.yaml'),
      cwd: tmp.dir,
      env: {},
      dryRun: true,
      preflight: false,
      ...(loadedConfig ? { loadedConfig } : {}),
      onPlan: (p) => void (seen = p),
    });
    return seen?.models.map((m) => m.id);
  };

  it('plans from `loadedConfig` without reading the file again, and from the file without it', async () => {
    const file = tmp.write('run.yaml', config('target-loaded'));
    const loaded = await loadRunConfig(file, { cwd: tmp.dir, env: {}, allowUnsetSecrets: true });
    // The file changes after it was loaded: only a second read would see the new model.
    tmp.write('run.yaml', config('target-on-disk'));
    expect(await plannedTargets(loaded)).toEqual(['target-loaded']);
    expect(await plannedTargets()).toEqual(['target-on-disk']);
  });
});
