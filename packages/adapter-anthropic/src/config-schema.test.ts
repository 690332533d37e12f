import { describe, expect, it } from 'vitest';
import { validateConfig } from './config-schema.js';
import { createModel } from './create-model.js';

const issuesOf = (value: unknown) => {
  const result = validateConfig(value);
  if (result.issues === undefined) throw new Error('expected issues');
  return result.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('configSchema', () => {
  it('fills in the defaults', () => {
    expect(validateConfig({ model: 'claude-x' })).toEqual({
      value: { model: 'claude-x', timeoutMs: 120_000, stream: false, maxTokens: 1024 },
    });
    expect(validateConfig({ model: 'claude-x', stream: true, maxTokens: 64, timeoutMs: 5000 }).issues).toBeUndefined();
  });

  it('requires model', () => {
    expect(issuesOf({})).toEqual([{ path: ['model'], message: expect.stringContaining('Missing "model"') }]);
    expect(issuesOf({ model: ' ' })).toEqual([{ path: ['model'], message: '"model" must be a non-empty string.' }]);
    expect(issuesOf(null)).toEqual([{ path: [], message: expect.stringContaining('Expected an object') }]);
  });

  it('reports one path-precise issue per bad field', () => {
    const issues = issuesOf({
      model: 'claude-x',
      apiKeyEnv: 'not a name',
      baseURL: 'ftp://x',
      timeoutMs: -1,
      stream: 'yes',
      maxTokens: 1.5,
      headers: { 'anthropic-beta': 1, 'X-Api-Key': 'k' },
      temperature: 0.3,
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['apiKeyEnv'],
      ['baseURL'],
      ['timeoutMs'],
      ['stream'],
      ['maxTokens'],
      ['headers', 'anthropic-beta'],
      ['headers', 'X-Api-Key'],
      ['temperature'],
    ]);
    expect(issues.at(-1)?.message).toMatch(/Unknown field "temperature"/);
  });

  it('never echoes a value (a key pasted in the wrong field stays out of messages)', () => {
    const secret = 'sk-ant-pasted-in-the-wrong-place-0000';
    const issues = issuesOf({
      model: 'claude-x',
      apiKeyEnv: secret,
      baseURL: secret,
      headers: { authorization: secret },
    });
    expect(JSON.stringify(issues)).not.toContain(secret);
  });
});

describe('createModel', () => {
  it('reads the key from ANTHROPIC_API_KEY, or the variable apiKeyEnv names', () => {
    expect(() => createModel({ model: 'm' }, { env: { ANTHROPIC_API_KEY: 'sk-ant-from-env-000000' } })).not.toThrow();
    expect(() =>
      createModel({ model: 'm', apiKeyEnv: 'MY_KEY' }, { env: { MY_KEY: 'sk-ant-from-env-000000' } }),
    ).not.toThrow();
  });

  it('fails before any call when no key is found, naming the variable', () => {
    expect(() => createModel({ model: 'm' }, { env: {} })).toThrow(/ANTHROPIC_API_KEY/);
    expect(() =>
      createModel({ model: 'm', apiKeyEnv: 'MY_KEY' }, { env: { ANTHROPIC_API_KEY: 'sk-ant-x-0000000' } }),
    ).toThrow(/MY_KEY/);
  });

  it.each([
    [{ stream: true }, true],
    [{}, false],
  ])('declares the capability manifest (%o: streaming %s)', (entry, streaming) => {
    const model = createModel({ model: 'claude-x', apiKey: 'k-123456', ...entry });
    expect(model.provider).toBe('anthropic');
    expect(model.modelId).toBe('claude-x');
    expect(model.capabilities).toEqual({
      systemRole: 'native',
      multiTurn: true,
      seed: false,
      streaming,
      reportsServedModel: true,
      moderationSignals: ['stop_reason=refusal', 'error.message=Output blocked by content filtering policy'],
    });
  });
});
