import { ZHIPU_BLOCKS, ZHIPU_FAILURES } from '@sc-safety/adapter-utils';
import type { HttpTemplate } from '../template/types.js';
import { CHAT_USAGE, chatRequest, chatResponse, chatSseStream } from './openai-style.js';
import type { HttpPreset } from './types.js';

/** Fields every answer and every stream chunk carries, the model that served it among them. */
const ANSWER_FIELDS = {
  usage: CHAT_USAGE,
  requestId: [{ path: 'request_id' }, { header: 'x-request-id' }, { path: 'id' }],
  servedModel: { id: 'model' },
};

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
  request: chatRequest({
    temperature: { path: 'temperature', min: 0, max: 1 },
    topP: { path: 'top_p', min: 0, max: 1 },
    maxTokens: { path: 'max_tokens', min: 1, integer: true },
    stop: { path: 'stop' },
  }),
  response: chatResponse(ANSWER_FIELDS),
  stream: chatSseStream({
    ...ANSWER_FIELDS,
    done: { sentinel: '[DONE]', when: { path: 'choices[0].finish_reason', exists: true } },
  }),
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
