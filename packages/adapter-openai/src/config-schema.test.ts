import { describe, expect, it } from 'vitest';
import { adapter } from './adapter.js';
import { validateConfig } from './config-schema.js';
import type { OpenAIAdapterConfig } from './config.js';

function issuesOf(value: unknown): Array<{ path: unknown; message: string }> {
  const result = validateConfig(value);
  if (result.issues === undefined) throw new Error('expected issues');
  return result.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe('config schema', () => {
  it('accepts a minimal entry and fills the defaults', async () => {
    const result = await adapter.configSchema['~standard'].validate({ model: 'gpt-4o' });
    expect(result).toEqual({ value: { model: 'gpt-4o', timeoutMs: 120_000, stream: false } });
  });

  it('accepts every documented field', () => {
    // Typed, so every field here is one the config type documents.
    const full: OpenAIAdapterConfig = {
      model: 'glm-4',
      preset: 'zhipu',
      baseURL: 'https://proxy.example/v4',
      apiKey: 'k-123456',
      apiKeyEnv: 'MY_KEY',
      timeoutMs: 5000,
      stream: true,
      headers: { 'x-team': 'safety' },
      organization: 'org-1',
      project: 'proj-1',
      maxTokensParam: 'max_completion_tokens',
      extraBody: { do_sample: false },
    };
    expect(validateConfig(full)).toEqual({ value: full });
  });

  it('names the unknown field', () => {
    const issues = issuesOf({ model: 'm', temprature: 0.2 });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['temprature']);
    expect(issues[0]?.message).toContain('Unknown field "temprature"');
  });

  it('reports each bad field at its own path', () => {
    const issues = issuesOf({
      preset: 'nope',
      baseURL: 'ftp://x',
      timeoutMs: -1,
      stream: 'yes',
      headers: { a: 1 },
      maxTokensParam: 'max_output_tokens',
      extraBody: { messages: [] },
      apiKeyEnv: 'NOT A NAME',
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['model'],
        ['preset'],
        ['baseURL'],
        ['timeoutMs'],
        ['stream'],
        ['headers', 'a'],
        ['maxTokensParam'],
        ['extraBody', 'messages'],
        ['apiKeyEnv'],
      ]),
    );
    expect(issues.find((i) => JSON.stringify(i.path) === '["preset"]')?.message).toContain('zhipu');
  });

  it('rejects a non-object', () => {
    expect(issuesOf('gpt-4o')[0]?.message).toContain('Expected an object');
  });
});
