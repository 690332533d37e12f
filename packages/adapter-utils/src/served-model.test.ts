import { describe, expect, it } from 'vitest';
import { openAIServedModel, servedModel } from './served-model.js';

describe('servedModel', () => {
  it('keeps non-empty strings only and drops an empty result', () => {
    expect(servedModel({ id: 'gpt-4o-2024-08-06', fingerprint: null, digest: '', path: 3 })).toEqual({
      id: 'gpt-4o-2024-08-06',
    });
    expect(servedModel({ id: '  ', fingerprint: undefined })).toBeUndefined();
    expect(servedModel({ digest: 'abc', path: '/m/q.gguf' })).toEqual({ digest: 'abc', path: '/m/q.gguf' });
  });

  it('reads model and system_fingerprint from an OpenAI-compatible body', () => {
    expect(openAIServedModel({ model: 'deepseek-chat', system_fingerprint: 'fp_8802369eaa', choices: [] })).toEqual({
      id: 'deepseek-chat',
      fingerprint: 'fp_8802369eaa',
    });
    expect(openAIServedModel({ model: 'qwen-plus', system_fingerprint: null })).toEqual({ id: 'qwen-plus' });
    expect(openAIServedModel({ choices: [] })).toBeUndefined();
    expect(openAIServedModel('not a body')).toBeUndefined();
  });
});
