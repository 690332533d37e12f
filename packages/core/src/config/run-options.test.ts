import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinDataDir } from '../dataset/resolve.js';
import { parseConfigText } from './parse-text.js';
import { RunConfigError } from './run-config-error.js';
import { resolveRunOptions, type RunOverrides } from './run-options.js';
import type { RunConfig } from './types.js';
import { validateRunConfig } from './validate-run-config.js';

const BASE = path.resolve('/projects/safety/configs');
const CWD = path.resolve('/home/me');

/** A config as if loaded from `<BASE>/nightly.yaml`, or built in memory when `fromFile` is false. */
function config(yaml: string, fromFile = true): RunConfig {
  const file = fromFile ? { file: path.join(BASE, 'nightly.yaml') } : {};
  const parsed = parseConfigText(yaml, 'yaml');
  const checked = parsed.ok ? validateRunConfig(parsed.value, { baseDir: BASE, ...file }) : undefined;
  if (checked?.ok !== true) throw new Error(`bad test config: ${JSON.stringify(checked ?? parsed)}`);
  return checked.config;
}

const THREE = `
dataset: data/items.jsonl
models:
  - {id: qwen-max, adapter: openai, model: qwen-max, concurrency: 16}
  - {id: glm-4, adapter: openai, model: glm-4}
  - {id: gpt-4o, adapter: openai, model: gpt-4o}
judge: {adapter: openai, model: gpt-4o}
limit: 50
`;

function failure(cfg: RunConfig, overrides: RunOverrides): string[] {
  try {
    resolveRunOptions(cfg, overrides, { cwd: CWD });
  } catch (error) {
    expect(error).toBeInstanceOf(RunConfigError);
    return [...(error as RunConfigError).lines];
  }
  throw new Error('expected a RunConfigError');
}

describe('resolveRunOptions', () => {
  it('resolves paths against the config file and keeps everything without overrides', () => {
    const options = resolveRunOptions(config(THREE), {}, { cwd: CWD });
    expect(options.datasetRef).toBe('data/items.jsonl');
    expect(options.datasetPath).toBe(path.join(BASE, 'data', 'items.jsonl'));
    expect(options.outDir).toBe(path.join(BASE, 'runs', 'nightly'));
    expect(options.limit).toBe(50);
    expect(options.models.map((m) => m.id)).toEqual(['qwen-max', 'glm-4', 'gpt-4o']);
    expect(options.judges.map((j) => j.id)).toEqual(['gpt-4o']);
    expect(options.panel).toBeUndefined();
    expect(options.policies.block).toBe('score-1');
  });

  it('uses output relative to the config file, and --out relative to the working directory', () => {
    const withOutput = config(`${THREE}output: ../runs/x\n`);
    expect(resolveRunOptions(withOutput, {}, { cwd: CWD }).outDir).toBe(path.resolve(BASE, '../runs/x'));
    expect(resolveRunOptions(withOutput, { out: 'here' }, { cwd: CWD }).outDir).toBe(path.join(CWD, 'here'));
    expect(resolveRunOptions(config(THREE, false), {}, { cwd: CWD }).outDir).toBe(path.join(BASE, 'runs', 'run'));
  });

  it('resolves builtin datasets into the package data folder', () => {
    const options = resolveRunOptions(config(THREE.replace('data/items.jsonl', 'builtin:sample')), {}, { cwd: CWD });
    expect(options.datasetPath).toBe(path.join(builtinDataDir(), 'sample.jsonl'));
  });

  it('selects a subset of models by id, in config order, splitting commas', () => {
    const options = resolveRunOptions(config(THREE), { models: ['gpt-4o,qwen-max'] }, { cwd: CWD });
    expect(options.models.map((m) => m.id)).toEqual(['qwen-max', 'gpt-4o']);
    expect(options.judges).toHaveLength(1);
  });

  it('rejects unknown ids, listing the valid ones', () => {
    expect(failure(config(THREE), { models: ['qwen-mx', 'glm-4', 'claude'] })).toEqual([
      '--models: unknown model id "qwen-mx"; did you mean "qwen-max"? (valid ids: qwen-max, glm-4, gpt-4o)',
      '--models: unknown model id "claude" (valid ids: qwen-max, glm-4, gpt-4o)',
    ]);
    expect(failure(config(THREE), { models: [' , '] })).toEqual([
      '--models: no model id given (valid ids: qwen-max, glm-4, gpt-4o)',
    ]);
  });

  it('applies --limit and --concurrency without touching the config', () => {
    const cfg = config(THREE);
    const options = resolveRunOptions(cfg, { limit: 0, concurrency: 2 }, { cwd: CWD });
    expect(options.limit).toBeUndefined();
    expect(options.models.map((m) => m.concurrency)).toEqual([2, 2, 2]);
    expect(options.judges[0]?.concurrency).toBe(2);
    expect(cfg.models[0]?.concurrency).toBe(16);
    expect(resolveRunOptions(cfg, { limit: 7 }, { cwd: CWD }).limit).toBe(7);
  });

  it('takes the run-wide cap from maxInFlight, replaced by --max-in-flight', () => {
    expect(resolveRunOptions(config(THREE), {}, { cwd: CWD }).maxInFlight).toBeUndefined();
    const capped = config(`${THREE}maxInFlight: 24\n`);
    expect(capped.maxInFlight).toBe(24);
    expect(resolveRunOptions(capped, {}, { cwd: CWD }).maxInFlight).toBe(24);
    expect(resolveRunOptions(capped, { maxInFlight: 6 }, { cwd: CWD }).maxInFlight).toBe(6);
    // The per-model concurrency is left as it is.
    expect(resolveRunOptions(capped, { maxInFlight: 6 }, { cwd: CWD }).models[0]?.concurrency).toBe(16);
  });

  it('rejects bad override values', () => {
    expect(failure(config(THREE), { limit: -1, concurrency: 1.5, out: ' ', maxInFlight: 0 })).toEqual([
      '--out: expected a directory, got an empty string',
      '--limit: expected a non-negative integer, got -1',
      '--concurrency: expected a positive integer, got 1.5',
      '--max-in-flight: expected a positive integer, got 0',
    ]);
  });

  it('returns a panel in order with its aggregate', () => {
    const cfg = config(`dataset: d.jsonl
models: [{id: a, adapter: openai, model: m}]
judges: [{id: j1, adapter: openai, model: x}, {id: j2, adapter: openai, model: y}]
panel: {aggregate: majority}
`);
    const options = resolveRunOptions(cfg, {}, { cwd: CWD });
    expect(options.judges.map((j) => j.id)).toEqual(['j1', 'j2']);
    expect(options.panel).toEqual({ aggregate: 'majority' });
  });
});
