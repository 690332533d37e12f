import { ZHIPU_BLOCKS, ZHIPU_FAILURES } from '@sc-safety/adapter-utils';
import type { HttpTemplate } from '../template/types.js';
import type { HttpPreset } from './types.js';

const USAGE = { input: 'usage.prompt_tokens', output: 'usage.completion_tokens', total: 'usage.total_tokens' };

/**
 * Zhipu GLM v4 (docs/vendor-apis.md §6) with the `zhipu-jwt` auth plugin. A 1301 body names the
 * offending side in `contentFilter[0].role` (user = prompt, assistant = answer) and its severity
 * in `level`; in a stream the answer ends with `finish_reason: sensitive`.
 */
export const zhipuTemplate: HttpTemplate = {
  name: 'zhipu',
  label: 'Zhipu GLM',
  endpoint: { baseURL: 'https://open.bigmodel.cn', path: '/api/paas/v4/chat/completions' },
  auth: { type: 'plugin', plugin: 'zhipu-jwt', options: { ttlMs: 3_600_000 } },
  apiKeyEnv: 'ZHIPU_API_KEY',
  request: {
    model: 'model',
    messages: 'messages',
    system: 'message',
    params: {
      temperature: { path: 'temperature', min: 0, max: 1 },
      topP: { path: 'top_p', min: 0, max: 1 },
      maxTokens: { path: 'max_tokens', min: 1, integer: true },
      stop: { path: 'stop' },
    },
    stream: { body: { stream: true } },
  },
  response: {
    text: 'choices[0].message.content',
    reasoning: 'choices[0].message.reasoning_content',
    finishReason: 'choices[0].finish_reason',
    usage: USAGE,
    requestId: [{ path: 'request_id' }, { header: 'x-request-id' }, { path: 'id' }],
    // Every answer (and every stream chunk) names the model that served it.
    servedModel: { id: 'model' },
  },
  stream: {
    format: 'sse',
    accumulate: 'delta',
    text: 'choices[0].delta.content',
    reasoning: 'choices[0].delta.reasoning_content',
    finishReason: 'choices[0].finish_reason',
    usage: USAGE,
    requestId: [{ path: 'request_id' }, { header: 'x-request-id' }, { path: 'id' }],
    // Every answer (and every stream chunk) names the model that served it.
    servedModel: { id: 'model' },
    done: { sentinel: '[DONE]', when: { path: 'choices[0].finish_reason', exists: true } },
  },
  errors: {
    when: [{ path: 'error', exists: true }],
    code: ['error.code'],
    message: ['error.message'],
    requestId: ['request_id'],
  },
  // Shared with adapter-openai's zhipu preset: the same wire format (docs/vendor-apis.md §6).
  blocks: [...ZHIPU_BLOCKS],
  failures: [...ZHIPU_FAILURES],
};

export const zhipuPreset: HttpPreset = { name: 'zhipu', template: zhipuTemplate };
