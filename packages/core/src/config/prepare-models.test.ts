import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf } from '../__fixtures__/rejection.js';
import { loadRunConfig } from './load-run-config.js';
import { prepareModels } from './prepare-models.js';
import { RunConfigError } from './run-config-error.js';

const FAKE_TOKEN = 'tok-FAKE-prep-91b2c3d4e5';

/**
 * An adapter module whose schema accepts only the fields the openai adapter knows about plus
 * `stream`, rejects `foo`, and (badly) echoes the Authorization header when `echo` is set.
 */
const STRICT_ADAPTER = `
const KNOWN = new Set(['model', 'preset', 'baseURL', 'apiKey', 'timeoutMs', 'headers', 'stream', 'echo']);
export default {
  name: 'strict',
  version: '1.2.3',
  specificationVersion: 'v1',
  configSchema: {
    '~standard': {
      version: 1,
      vendor: 'test',
      validate(value) {
        const issues = [];
        for (const key of Object.keys(value)) {
          if (!KNOWN.has(key)) issues.push({ path: [key], message: 'unknown field "' + key + '"' });
        }
        if (value.echo === true) issues.push({ path: ['headers', 'Authorization'], message: 'bad header ' + value.headers.Authorization });
        return issues.length > 0 ? { issues } : { value: { ...value, validated: true } };
      },
    },
  },
  create() { throw new Error('not used here'); },
};
`;

let tmp: string;
let confDir: string;

beforeEach(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sc-safety-prepare-')));
  confDir = path.join(tmp, 'conf');
  mkdirSync(path.join(confDir, 'adapters'), { recursive: true });
  writeFileSync(path.join(confDir, 'adapters', 'strict.mjs'), STRICT_ADAPTER);
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

async function load(yaml: string) {
  writeFileSync(path.join(confDir, 'run.yaml'), yaml);
  return loadRunConfig('conf/run.yaml', { cwd: tmp, env: { FAKE_TOKEN } });
}

const prepareFailure = (promise: Promise<unknown>) => rejectionOf(promise, RunConfigError);

describe('prepareModels', () => {
  it('loads path adapters relative to the config file and hands them only the adapter part', async () => {
    const { config, secrets } = await load(`
dataset: builtin:sample
models:
  - id: a
    adapter: ./adapters/strict.mjs
    model: m-a
    apiKey: sk-literal-prep-key
    timeoutMs: 30000
    headers: {X-Client: test}
    stream: true
    params: {temperature: 0.5}
    concurrency: 2
    tags: [open]
    system: be brief
judges:
  - {id: j1, adapter: ./adapters/strict.mjs, model: judge-1}
  - {id: j2, adapter: ./adapters/strict.mjs, model: judge-2}
`);
    // The working directory is elsewhere: path references still resolve against the config file.
    const elsewhere = path.join(tmp, 'elsewhere');
    mkdirSync(elsewhere);
    const prepared = await prepareModels(config, { cwd: elsewhere, secrets });
    expect(prepared.targets).toHaveLength(1);
    const [target] = prepared.targets;
    expect(target?.path).toBe('models[0]');
    expect(target?.role).toBe('target');
    expect(target?.definition.name).toBe('strict');
    expect(target?.packageName).toBe(path.join(confDir, 'adapters', 'strict.mjs'));
    expect(target?.entry.id).toBe('a');
    expect(target?.adapterConfig).toEqual({
      model: 'm-a',
      apiKey: 'sk-literal-prep-key',
      timeoutMs: 30000,
      headers: { 'X-Client': 'test' },
      stream: true,
      validated: true,
    });
    expect(prepared.judges.map((j) => [j.path, j.entry.id, (j.adapterConfig as { model: string }).model])).toEqual([
      ['judges[0]', 'j1', 'judge-1'],
      ['judges[1]', 'j2', 'judge-2'],
    ]);
  });

  it('collects every adapter problem with its config path, keeping secrets out', async () => {
    const { config, secrets } = await load(`
dataset: builtin:sample
models:
  - {id: a, adapter: ./adapters/strict.mjs, model: m, foo: 1}
  - {id: b, adapter: ./adapters/missing.mjs, model: m}
  - {id: c, adapter: ./adapters/strict.mjs, model: m, echo: true, headers: {Authorization: "Bearer \${FAKE_TOKEN}"}}
judge: {adapter: sc-safety-test-no-such-adapter-xyz, model: gpt-4o}
`);
    const error = await prepareFailure(prepareModels(config, { cwd: tmp, secrets }));
    expect(error.lines[0]).toBe('conf/run.yaml: models[0].foo: unknown field "foo"');
    expect(error.lines[1]).toBe(
      `conf/run.yaml: models[1].adapter: Adapter module "./adapters/missing.mjs" not found: ${path.join(confDir, 'adapters', 'missing.mjs')} does not exist (paths are resolved against ${confDir}).`,
    );
    expect(error.lines[2]).toBe('conf/run.yaml: models[2].headers.Authorization: bad header [REDACTED]');
    expect(error.lines[3]).toMatch(
      /^conf\/run\.yaml: judge\.adapter: Adapter "sc-safety-test-no-such-adapter-xyz" not found: tried /,
    );
    expect(error.lines).toHaveLength(4);
    expect(error.message).not.toContain(FAKE_TOKEN);
  });

  it('checks in-memory definitions like imported ones', async () => {
    const { config } = await load('dataset: builtin:sample\nmodels: [{id: a, adapter: fake, model: m}]\n');
    const error = await prepareFailure(
      prepareModels(config, {
        cwd: tmp,
        adapters: { fake: { name: 'fake', version: '1', specificationVersion: 'v1' } },
      }),
    );
    expect(error.lines).toEqual([
      'conf/run.yaml: models[0].adapter: Adapter package "fake" (fake@1) does not export a valid adapter definition: ' +
        '"configSchema" must be a Standard Schema object (zod 4, valibot, arktype, or { "~standard": { validate } }); "create" must be a function.',
    ]);
  });

  it('imports each adapter reference once', async () => {
    const { config } = await load(
      'dataset: builtin:sample\nmodels:\n  - {id: a, adapter: ./adapters/strict.mjs, model: m}\n  - {id: b, adapter: ./adapters/strict.mjs, model: m}\n',
    );
    const seen: string[] = [];
    const prepared = await prepareModels(config, {
      importer: async (url) => {
        seen.push(url);
        return import(url) as Promise<unknown>;
      },
    });
    expect(prepared.targets.map((t) => t.entry.id)).toEqual(['a', 'b']);
    expect(seen).toHaveLength(1);
  });

  it('prepares only the chosen targets, keeping their paths from the file', async () => {
    const { config } = await load(
      'dataset: builtin:sample\nmodels:\n  - {id: a, adapter: ./adapters/strict.mjs, model: m}\n  - {id: b, adapter: ./adapters/strict.mjs, model: m, foo: 1}\n  - {id: c, adapter: ./adapters/strict.mjs, model: m, foo: 1}\njudge: {adapter: ./adapters/strict.mjs, model: j}\n',
    );
    const prepared = await prepareModels(config, { cwd: tmp, only: ['a'] });
    expect(prepared.targets.map((t) => t.path)).toEqual(['models[0]']);
    expect(prepared.judges.map((j) => j.path)).toEqual(['judge']);
    const error = await prepareFailure(prepareModels(config, { cwd: tmp, only: ['c'] }));
    expect(error.lines).toEqual(['conf/run.yaml: models[2].foo: unknown field "foo"']);
  });

  it('finds adapter packages in extra search directories', async () => {
    const plugins = path.join(tmp, 'plugins');
    const pkg = path.join(plugins, 'node_modules', 'sc-safety-adapter-strict');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      path.join(pkg, 'package.json'),
      JSON.stringify({
        name: 'sc-safety-adapter-strict',
        version: '1.2.3',
        type: 'module',
        exports: { '.': { import: './index.js' } },
      }),
    );
    writeFileSync(path.join(pkg, 'index.js'), STRICT_ADAPTER);
    const { config } = await load('dataset: builtin:sample\nmodels: [{id: a, adapter: strict, model: m}]\n');
    await expect(prepareModels(config, { cwd: tmp })).rejects.toThrow(
      /models\[0\]\.adapter: Adapter "strict" not found/,
    );
    const prepared = await prepareModels(config, { cwd: tmp, searchDirs: [plugins] });
    expect(prepared.targets[0]?.packageName).toBe('sc-safety-adapter-strict');
  });
});
