import { describe, expect, it } from 'vitest';
import { validateConfig } from './config-schema.js';

function issuesOf(value: unknown): Array<{ path: unknown; message: string }> {
  const result = validateConfig(value);
  return result.issues === undefined ? [] : result.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe('local config schema', () => {
  it('requires a known target', () => {
    expect(issuesOf({ model: 'x' })).toEqual([
      { path: ['target'], message: expect.stringContaining('Missing "target"') },
    ]);
    expect(issuesOf({ target: 'koboldcpp' })[0]).toEqual({
      path: ['target'],
      message: expect.stringContaining('llamacpp, ollama, vllm, lmstudio, gguf'),
    });
  });

  it('requires model where the server needs a name, modelPath for gguf', () => {
    expect(issuesOf({ target: 'ollama' })).toEqual([
      { path: ['model'], message: expect.stringContaining('ollama list') },
    ]);
    expect(issuesOf({ target: 'vllm' })[0]?.path).toEqual(['model']);
    expect(issuesOf({ target: 'llamacpp' })).toEqual([]);
    expect(issuesOf({ target: 'gguf' })).toEqual([{ path: ['modelPath'], message: expect.stringContaining('.gguf') }]);
  });

  it('reports fields that belong to another target, and bad values, each at its path', () => {
    const issues = issuesOf({
      target: 'ollama',
      model: 'm',
      modelPath: '/x.gguf',
      numCtx: -1,
      baseURL: 'ftp://x',
      headers: { a: 1 },
    });
    expect(issues.map((i) => i.path)).toEqual([['baseURL'], ['headers', 'a'], ['numCtx'], ['modelPath']]);
    expect(issues.at(-1)?.message).toContain('belongs to target gguf');
    expect(issuesOf({ target: 'llamacpp', promptFormat: 'chatml' })[0]).toEqual({
      path: ['promptFormat'],
      message: expect.stringContaining('endpoint "completion"'),
    });
    expect(issuesOf({ target: 'gguf', modelPath: 'm.gguf', baseURL: 'http://x' })[0]?.path).toEqual(['baseURL']);
  });

  it('fills the defaults per target', () => {
    expect(validateConfig({ target: 'ollama', model: 'm' })).toEqual({
      value: { target: 'ollama', model: 'm', timeoutMs: 300_000, healthTimeoutMs: 120_000, stream: true },
    });
    expect(validateConfig({ target: 'llamacpp' })).toEqual({
      value: { target: 'llamacpp', timeoutMs: 300_000, healthTimeoutMs: 120_000, stream: false, endpoint: 'chat' },
    });
    expect(validateConfig({ target: 'gguf', modelPath: 'm.gguf', threads: 2 })).toEqual({
      value: { target: 'gguf', modelPath: 'm.gguf', threads: 2, timeoutMs: 300_000 },
    });
  });
});
