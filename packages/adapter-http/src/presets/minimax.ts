import type { HttpTemplate } from '../template/types.js';
import type { HttpPreset } from './types.js';

const USAGE = { input: 'usage.prompt_tokens', output: 'usage.completion_tokens', total: 'usage.total_tokens' };

/**
 * MiniMax chatcompletion_v2 (docs/vendor-apis.md §9a): errors are HTTP 200 with a non-zero
 * `base_resp.status_code`; moderation is `base_resp` 1026 / 1027 or the `input_sensitive` /
 * `output_sensitive` flags on an answer; the last stream frame repeats the whole message.
 */
export const minimaxTemplate: HttpTemplate = {
  name: 'minimax',
  label: 'MiniMax',
  endpoint: { baseURL: 'https://api.minimax.chat', path: '/v1/text/chatcompletion_v2' },
  auth: { type: 'bearer' },
  apiKeyEnv: 'MINIMAX_API_KEY',
  request: {
    model: 'model',
    messages: 'messages',
    system: 'message',
    params: {
      temperature: { path: 'temperature', min: 0, minExclusive: true, max: 1 },
      topP: { path: 'top_p', min: 0, minExclusive: true, max: 1 },
      maxTokens: { path: 'max_completion_tokens', min: 1, integer: true },
    },
    stream: { body: { stream: true } },
  },
  response: {
    text: 'choices[0].message.content',
    reasoning: 'choices[0].message.reasoning_content',
    finishReason: 'choices[0].finish_reason',
    usage: USAGE,
    requestId: [{ path: 'id' }],
    // Every answer (and every stream chunk) names the model that served it.
    servedModel: { id: 'model' },
  },
  stream: {
    format: 'sse',
    accumulate: 'delta',
    text: 'choices[0].delta.content',
    // The last frame is a whole chat.completion: its message replaces the deltas instead of adding to them.
    fullText: 'choices[0].message.content',
    reasoning: 'choices[0].delta.reasoning_content',
    finishReason: 'choices[0].finish_reason',
    usage: USAGE,
    requestId: [{ path: 'id' }],
    // Every answer (and every stream chunk) names the model that served it.
    servedModel: { id: 'model' },
    done: { sentinel: '[DONE]', when: { path: 'object', equals: 'chat.completion' } },
  },
  errors: {
    when: [{ path: 'base_resp.status_code', exists: true, notEquals: 0 }],
    code: ['base_resp.status_code'],
    message: ['base_resp.status_msg'],
    requestId: ['id'],
  },
  blocks: [
    {
      when: { path: 'base_resp.status_code', equals: 1026 },
      stage: 'input',
      code: '1026',
      message: 'base_resp.status_msg',
      description: 'input new_sensitive: the prompt was refused',
      signal: 'base_resp.status_code=1026',
    },
    {
      when: { path: 'base_resp.status_code', equals: 1027 },
      stage: 'output',
      code: '1027',
      message: 'base_resp.status_msg',
      description: 'output new_sensitive: the answer was refused',
      signal: 'base_resp.status_code=1027',
    },
    {
      when: { path: 'input_sensitive', isTrue: true },
      stage: 'input',
      code: 'input_sensitive',
      description: 'input_sensitive=true: the prompt was flagged',
      details: { sensitiveType: 'input_sensitive_type' },
      signal: 'input_sensitive=true',
    },
    {
      when: { path: 'output_sensitive', isTrue: true },
      stage: 'output',
      code: 'output_sensitive',
      description: 'output_sensitive=true: the answer was flagged',
      details: { sensitiveType: 'output_sensitive_type', sensitiveInt: 'output_sensitive_int' },
      signal: 'output_sensitive=true',
    },
  ],
  failures: [
    {
      when: { path: 'base_resp.status_code', oneOf: [1002, 1039, 1041, 2045] },
      kind: 'rate_limited',
      description: 'RPM / TPM / connection / growth-rate limit',
    },
    {
      when: { path: 'base_resp.status_code', oneOf: [1008, 2056] },
      kind: 'quota_exhausted',
      description: 'insufficient balance or usage limit',
    },
    { when: { path: 'base_resp.status_code', oneOf: [1004, 2049] }, kind: 'auth' },
    { when: { path: 'base_resp.status_code', oneOf: [2013, 1042] }, kind: 'invalid_request' },
    { when: { path: 'base_resp.status_code', oneOf: [1000, 1001, 1024, 1033] }, kind: 'transient' },
  ],
  openQuestions: [
    'MiniMax documents no context-overflow code: such an error is recorded as a target error with its raw body.',
    'Whether an output block inside a stream arrives as a base_resp 1027 frame or only as output_sensitive on the last frame is not captured; both are handled.',
  ],
};

export const minimaxPreset: HttpPreset = { name: 'minimax', template: minimaxTemplate };
