import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf } from '../__fixtures__/rejection.js';
import { loadRunConfig, parseRunConfig } from './load-run-config.js';
import { RunConfigError } from './run-config-error.js';
import { RUN_CONFIG_DEFAULTS } from './types.js';

let tmp: string;

beforeEach(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sc-safety-config-')));
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

async function failure(promise: Promise<unknown>): Promise<RunConfigError> {
  const error = await rejectionOf(promise, RunConfigError);
  expect(RunConfigError.isInstance(error)).toBe(true);
  return error;
}

/** Runs a YAML body through the loader as `run.yaml` and returns the error lines. */
async function yamlErrors(text: string, env: Record<string, string> = {}): Promise<readonly string[]> {
  write('run.yaml', text);
  const error = await failure(loadRunConfig('run.yaml', { cwd: tmp, env }));
  expect(error.message).toBe(error.lines.join('\n'));
  return error.lines;
}

const FULL_YAML = `
dataset: builtin:sample
output: runs/my-run
models:
  - id: qwen-max
    adapter: openai
    preset: dashscope
    model: qwen-max
    baseURL: https://dashscope.example/compatible-mode/v1
    apiKey: \${DASHSCOPE_API_KEY}
    params: {temperature: 0.7, maxTokens: 1024, topP: 0.9, seed: 1, stop: ["###"]}
    concurrency: 16
    rpm: 600
    tpm: 100000
    timeoutMs: 120000
    maxRetries: 6
    tags: [closed]
    system: "You are a helpful assistant."
    stream: true
  - id: local/llama3:8b@q4
    adapter: ./adapters/local.mjs
    model: llama3
judge:
  adapter: openai
  model: gpt-4o
policies:
  block: exclude
  round2AfterBlock: skip
  emptyAnswer: judge
limit: 20
`;

describe('loadRunConfig: valid files', () => {
  it('reads the YAML form, fills defaults and keeps adapter-specific fields apart', async () => {
    const file = write('run.yaml', FULL_YAML);
    const { config, baseDir, secrets } = await loadRunConfig(file, {
      env: { DASHSCOPE_API_KEY: 'sk-dash-0123456789' },
    });
    expect(baseDir).toBe(tmp);
    expect(config.file).toBe(file);
    expect(config.baseDir).toBe(tmp);
    expect(config.dataset).toBe('builtin:sample');
    expect(config.output).toBe('runs/my-run');
    expect(config.limit).toBe(20);
    expect(config.policies).toEqual({ block: 'exclude', round2AfterBlock: 'skip', emptyAnswer: 'judge' });
    const [qwen, local] = config.models;
    expect(qwen).toEqual({
      id: 'qwen-max',
      adapter: 'openai',
      model: 'qwen-max',
      preset: 'dashscope',
      baseURL: 'https://dashscope.example/compatible-mode/v1',
      apiKey: 'sk-dash-0123456789',
      timeoutMs: 120000,
      params: { temperature: 0.7, maxTokens: 1024, topP: 0.9, seed: 1, stop: ['###'] },
      concurrency: 16,
      rpm: 600,
      tpm: 100000,
      maxRetries: 6,
      tags: ['closed'],
      system: 'You are a helpful assistant.',
      extra: { stream: true },
    });
    expect(local).toEqual({
      id: 'local/llama3:8b@q4',
      adapter: './adapters/local.mjs',
      model: 'llama3',
      params: {},
      concurrency: RUN_CONFIG_DEFAULTS.concurrency,
      maxRetries: RUN_CONFIG_DEFAULTS.maxRetries,
      tags: [],
      extra: {},
    });
    // A judge without an id is named after its model.
    expect(config.judge).toMatchObject({ id: 'gpt-4o', adapter: 'openai', model: 'gpt-4o' });
    expect(config.judges).toBeUndefined();
    expect(config.panel).toBeUndefined();
    expect(secrets).toEqual(['sk-dash-0123456789']);
  });

  it('reads the same config written as JSON, with a judge panel and default policies', async () => {
    const json = {
      dataset: 'data/items.jsonl',
      models: [{ id: 'gpt-4o-mini', adapter: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-literal-key-abcdef' }],
      judges: [
        { id: 'j1', adapter: 'openai', model: 'gpt-4o', params: { temperature: 0 } },
        { id: 'j2', adapter: 'anthropic', model: 'claude-sonnet' },
      ],
      panel: { aggregate: 'majority' },
      limit: 0,
    };
    write('run.json', JSON.stringify(json, null, 2));
    const { config, secrets } = await loadRunConfig('run.json', { cwd: tmp, env: {} });
    expect(config.dataset).toBe('data/items.jsonl');
    expect(config.judges?.map((j) => j.id)).toEqual(['j1', 'j2']);
    expect(config.judges?.[0]?.params).toEqual({ temperature: 0 });
    expect(config.panel).toEqual({ aggregate: 'majority' });
    expect(config.policies).toEqual(RUN_CONFIG_DEFAULTS.policies);
    expect(config.limit).toBeUndefined();
    // A literal apiKey is still a secret to redact.
    expect(secrets).toEqual(['sk-literal-key-abcdef']);
  });

  it('adds credential variables expanded outside secret fields to secrets, not ordinary variables', async () => {
    write(
      'run.yaml',
      'dataset: builtin:sample\nmodels:\n  - id: m\n    adapter: openai\n    model: ${MODEL_NAME}\n    baseURL: "https://h/v1?key=${ACME_API_KEY}"\n',
    );
    const { config, secrets } = await loadRunConfig('run.yaml', {
      cwd: tmp,
      env: { ACME_API_KEY: 'abcd1234secret', MODEL_NAME: 'qwen-max-longname' },
    });
    expect(config.models[0]?.baseURL).toBe('https://h/v1?key=abcd1234secret');
    expect(secrets).toContain('abcd1234secret');
    expect(secrets).not.toContain('qwen-max-longname');
  });

  it('defaults the panel aggregate to median and accepts .yml', async () => {
    write(
      'panel.yml',
      'dataset: d.jsonl\nmodels: [{id: a, adapter: openai, model: m}]\njudges:\n  - {id: x, adapter: openai, model: m1}\n  - {id: y, adapter: openai, model: m2}\n',
    );
    const { config } = await loadRunConfig('panel.yml', { cwd: tmp, env: {} });
    expect(config.panel).toEqual({ aggregate: 'median' });
  });

  it('parses text already in memory', async () => {
    const { config } = await parseRunConfig(
      '{"dataset": "builtin:sample", "models": [{"id": "a", "adapter": "openai", "model": "m"}]}',
      {
        format: 'json',
        baseDir: tmp,
        env: {},
      },
    );
    expect(config.file).toBeUndefined();
    expect(config.models[0]?.id).toBe('a');
  });

  it('accepts numbers written through environment variables', async () => {
    write(
      'run.yaml',
      'dataset: d.jsonl\nmodels:\n  - {id: a, adapter: openai, model: m, concurrency: "${CONC}", params: {temperature: "${TEMP:-0.2}"}}\nlimit: ${LIMIT}\n',
    );
    const { config } = await loadRunConfig('run.yaml', { cwd: tmp, env: { CONC: '12', LIMIT: '5' } });
    expect(config.models[0]?.concurrency).toBe(12);
    expect(config.models[0]?.params.temperature).toBe(0.2);
    expect(config.limit).toBe(5);
  });
});

describe('loadRunConfig: validation errors', () => {
  it('reports every problem at once, with its path, in document order', async () => {
    const lines = await yamlErrors(`
dataset: builtin:sample
models:
  - id: qwen
    adapter: openai
    model: qwen-max
    concurrency: 16x
  - id: other
    model: m
  - id: qwen
    adapter: openai
    model: qwen-plus
judge: {adapter: openai, model: gpt-4o}
judges:
  - {id: a, adapter: openai, model: m}
  - {id: b, adapter: openai, model: m}
`);
    expect(lines).toEqual([
      'run.yaml: models[0].concurrency: expected a positive integer, got "16x"',
      'run.yaml: models[1].adapter: required (short name like "openai", a package name, or a path)',
      'run.yaml: models[2].id: duplicate id "qwen" (first used by models[0])',
      'run.yaml: judge: give either "judge" or "judges", not both',
    ]);
  });

  it('reports an alias with no anchor at its line, without echoing the alias text', async () => {
    const lines = await yamlErrors(
      'dataset: builtin:sample\nmodels:\n  - {id: a, adapter: openai, model: m, apiKey: *sk-pasted-key-123}\n',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^run\.yaml:3:\d+: an alias \(\*name\) refers to no anchor/);
    expect(lines.join('\n')).not.toContain('sk-pasted-key-123');
  });

  it('reports an alias inside its own anchor (a value containing itself) at its line, instead of overflowing the stack', async () => {
    expect(await yamlErrors('dataset: builtin:sample\na: &a [*a]\n')).toEqual([
      'run.yaml:2:8: an alias (*name) is inside the value its anchor (&name) names, so the value would contain itself; write the value out',
    ]);
    const nested = await yamlErrors(
      'dataset: builtin:sample\nmodels:\n  - &m {id: a, adapter: openai, model: m, extra: [1, {again: *m}]}\n',
    );
    expect(nested).toHaveLength(1);
    expect(nested[0]).toMatch(/^run\.yaml:3:\d+: an alias \(\*name\) is inside the value/);
  });

  it('reports an alias bomb at the line of its first alias', async () => {
    const row = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(of).join(', ')}]`;
    const text = [
      'dataset: builtin:sample',
      row('a', 'x'),
      row('b', '*a'),
      row('c', '*b'),
      row('d', '*c'),
      row('e', '*d'),
      '',
    ].join('\n');
    const lines = await yamlErrors(text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^run\.yaml:3:\d+: the aliases \(\*name\) expand to more than 1000 values/);
  });

  it('reports nesting deeper than 64 levels at its line, in YAML and JSON', async () => {
    const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
    expect(await yamlErrors(`dataset: builtin:sample\nx: ${deep}\n`)).toEqual([
      expect.stringMatching(/^run\.yaml:2:\d+: nested more than 64 levels deep/),
    ]);
    write('run.json', `{"dataset": "builtin:sample",\n "x": ${deep}}`);
    const error = await failure(loadRunConfig('run.json', { cwd: tmp }));
    expect(error.lines).toEqual([expect.stringMatching(/^run\.json:2:\d+: nested more than 64 levels deep/)]);
  });

  it('suggests the intended top-level key', async () => {
    const lines = await yamlErrors(
      'dataset: builtin:sample\nmodles: []\nmodels: [{id: a, adapter: openai, model: m}]\nfoo: 1\n',
    );
    expect(lines).toEqual([
      'run.yaml: modles: unknown top-level key; did you mean "models"?',
      'run.yaml: foo: unknown top-level key (known: dataset, output, models, judge, judges, panel, policies, limit, contrast, epochs, maxInFlight, followups)',
    ]);
  });

  it('names missing required keys and wrong shapes', async () => {
    expect(await yamlErrors('output: x\n')).toEqual([
      'run.yaml: dataset: required: "builtin:NAME" (e.g. builtin:sample) or a path to a dataset file, relative to this config file',
      'run.yaml: models: required: a list of models to run, each with at least "id", "adapter" and "model"',
    ]);
    expect(await yamlErrors('- a\n- b\n')).toEqual([
      'run.yaml: expected a mapping of settings at the top level (dataset, models, judge, …), got a list',
    ]);
    expect(await yamlErrors('')).toEqual([
      'run.yaml: expected a mapping of settings at the top level (dataset, models, judge, …), got an empty document',
    ]);
    expect(await yamlErrors('dataset: builtin:sample\nmodels: []\n')).toEqual([
      'run.yaml: models: at least one model is required',
    ]);
  });

  it('checks model entry fields', async () => {
    const lines = await yamlErrors(`
dataset: builtin:sample
models:
  - id: "bad id!"
    adapter: openai
    model: m
    params: {temperature: -1, topP: 1.5, maxTokens: 0, seed: 1.5, stop: [""], temprature: 1}
    rpm: 0
    maxRetries: -1
    tags: [open, closed]
    headers: {X-Trace: 5}
    concurency: 8
  - id: b
    adapter: openai
  - 42
`);
    expect(lines).toEqual([
      'run.yaml: models[0].id: "bad id!" is not a valid id: use letters, digits and . _ : @ / -',
      'run.yaml: models[0].params.temperature: expected a non-negative number, got -1',
      'run.yaml: models[0].params.topP: expected a number in (0, 1], got 1.5',
      'run.yaml: models[0].params.maxTokens: expected a positive integer, got 0',
      'run.yaml: models[0].params.seed: expected an integer, got 1.5',
      'run.yaml: models[0].params.stop[0]: expected a non-empty string, got ""',
      'run.yaml: models[0].params.temprature: unknown sampling setting; did you mean "temperature"?',
      'run.yaml: models[0].rpm: expected a positive number, got 0',
      'run.yaml: models[0].maxRetries: expected a non-negative integer, got -1',
      'run.yaml: models[0].tags: a model cannot be tagged both "open" and "closed"',
      'run.yaml: models[0].headers["X-Trace"]: expected a string, got 5',
      'run.yaml: models[0].concurency: unknown field; did you mean "concurrency"? (fields the engine does not know are handed to the adapter)',
      'run.yaml: models[1].model: required: the vendor\'s model id (e.g. "qwen-max", "gpt-4o")',
      'run.yaml: models[2]: expected a model entry (a mapping with at least "adapter" and "model"), got 42',
    ]);
  });

  it('checks judges, the panel and the policies', async () => {
    const base = 'dataset: builtin:sample\nmodels: [{id: a, adapter: openai, model: m}]\n';
    expect(await yamlErrors(`${base}judges: [{adapter: openai, model: gpt-4o}]\n`)).toEqual([
      'run.yaml: judges: a panel needs at least two judges (got 1); for a single judge write "judge:"',
    ]);
    expect(
      await yamlErrors(
        `${base}judges: [{adapter: openai, model: gpt-4o}, {adapter: openai, model: gpt-4o, params: {seed: 2}}]\n`,
      ),
    ).toEqual([
      'run.yaml: judges[1].id: duplicate id "gpt-4o" (first used by judges[0]); give each judge its own "id"',
    ]);
    expect(
      await yamlErrors(`${base}judge: {adapter: openai, model: gpt-4o, system: hi}\npanel: {aggregate: median}\n`),
    ).toEqual([
      'run.yaml: judge.system: not allowed on a judge: the judge prompt is fixed and versioned by the engine',
      'run.yaml: panel: only used with "judges" (a panel of two or more judges)',
    ]);
    expect(
      await yamlErrors(
        `${base}judges: [{id: x, adapter: openai, model: m}, {id: y, adapter: openai, model: m}]\npanel: {aggregate: mean}\npolicies: {block: score1, round2AfterBlock: later, emptyAnswr: judge}\nlimit: -3\n`,
      ),
    ).toEqual([
      'run.yaml: panel.aggregate: expected one of "median", "majority", got "mean"',
      'run.yaml: policies.block: expected one of "score-1", "exclude", got "score1"; did you mean "score-1"?',
      'run.yaml: policies.round2AfterBlock: expected one of "placeholder", "partial", "skip", got "later"',
      'run.yaml: policies.emptyAnswr: unknown policy; did you mean "emptyAnswer"?',
      'run.yaml: limit: expected a non-negative integer, got -3',
    ]);
  });

  it('rejects a builtin dataset name that is not a plain name', async () => {
    expect(await yamlErrors('dataset: builtin:../etc\nmodels: [{id: a, adapter: openai, model: m}]\n')).toEqual([
      'run.yaml: dataset: invalid builtin dataset name "../etc"; use letters, digits, "-" and "_" (e.g. builtin:sample)',
    ]);
  });

  it('reports a missing variable by name, once, and never as a type error', async () => {
    const lines = await yamlErrors(
      'dataset: builtin:sample\nmodels:\n  - {id: a, adapter: openai, model: m, apiKey: "${DASHSCOPE_API_KEY}", concurrency: "${CONC}"}\n',
    );
    expect(lines).toEqual([
      'run.yaml: models[0].apiKey: environment variable DASHSCOPE_API_KEY is not set',
      'run.yaml: models[0].concurrency: environment variable CONC is not set',
    ]);
  });
});

describe('loadRunConfig: syntax and file errors', () => {
  it('gives YAML syntax errors as file:line:col without quoting the source line', async () => {
    const lines = await yamlErrors(
      'dataset: builtin:sample\nmodels:\n  - id: a\n    apiKey: "sk-unterminated-secret-value\n',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^run\.yaml:5:1: Missing closing "quote/);
    expect(lines[0]).not.toContain('sk-unterminated');
  });

  it('reports duplicate YAML keys at their position', async () => {
    const lines = await yamlErrors('dataset: a\nmodels: []\ndataset: b\n');
    expect(lines).toEqual(['run.yaml:3:1: Map keys must be unique (YAML DUPLICATE_KEY)']);
  });

  it('gives JSON syntax errors as file:line:col computed from the position', async () => {
    write('run.json', '{\n  "dataset": "builtin:sample",\n  "models": [ , ]\n}\n');
    const error = await failure(loadRunConfig('run.json', { cwd: tmp, env: {} }));
    expect(error.lines).toHaveLength(1);
    expect(error.lines[0]).toMatch(/^run\.json:3:15: Unexpected token/);
    expect(error.problems[0]).toMatchObject({ line: 3, column: 15 });
  });

  it('refuses unknown extensions and missing files', async () => {
    write('run.toml', 'x = 1');
    expect((await failure(loadRunConfig('run.toml', { cwd: tmp }))).message).toBe(
      'run.toml: unsupported config file type ".toml": use .yaml, .yml or .json',
    );
    expect((await failure(loadRunConfig('nope.yaml', { cwd: tmp }))).message).toBe(
      `nope.yaml: cannot read the config file: no such file (${path.join(tmp, 'nope.yaml')})`,
    );
  });
});
