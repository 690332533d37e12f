import type { HttpTemplate } from '../template/types.js';
import { CHAT_USAGE, chatRequest, chatResponse, chatSseStream } from './openai-style.js';
import { blockOnCode, blockOnTrue, failuresOnCode } from './rule-builders.js';
import type { HttpPreset } from './types.js';

/** Fields every answer and every stream chunk carries, the model that served it among them. */
const ANSWER_FIELDS = { usage: CHAT_USAGE, requestId: [{ path: 'id' }], servedModel: { id: 'model' } };

/** MiniMax's status: errors and input/output refusals alike are a code and message in `base_resp`. */
const BASE_RESP = { code: 'base_resp.status_code', message: 'base_resp.status_msg' };

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
  request: chatRequest({
    temperature: { path: 'temperature', min: 0, minExclusive: true, max: 1 },
    topP: { path: 'top_p', min: 0, minExclusive: true, max: 1 },
    maxTokens: { path: 'max_completion_tokens', min: 1, integer: true },
  }),
  response: chatResponse(ANSWER_FIELDS),
  stream: chatSseStream({
    // The last frame is a whole chat.completion: its message replaces the deltas instead of adding to them.
    fullText: 'choices[0].message.content',
    ...ANSWER_FIELDS,
    done: { sentinel: '[DONE]', when: { path: 'object', equals: 'chat.completion' } },
  }),
  errors: {
    when: [{ path: BASE_RESP.code, exists: true, notEquals: 0 }],
    code: [BASE_RESP.code],
    message: [BASE_RESP.message],
    requestId: ['id'],
  },
  blocks: [
    blockOnCode(BASE_RESP, 1026, 'input', 'input new_sensitive: the prompt was refused'),
    blockOnCode(BASE_RESP, 1027, 'output', 'output new_sensitive: the answer was refused'),
    blockOnTrue('input_sensitive', 'input', 'input_sensitive=true: the prompt was flagged', {
      sensitiveType: 'input_sensitive_type',
    }),
    blockOnTrue('output_sensitive', 'output', 'output_sensitive=true: the answer was flagged', {
      sensitiveType: 'output_sensitive_type',
      sensitiveInt: 'output_sensitive_int',
    }),
  ],
  failures: failuresOnCode(BASE_RESP.code, [
    [[1002, 1039, 1041, 2045], 'rate_limited', 'RPM / TPM / connection / growth-rate limit'],
    [[1008, 2056], 'quota_exhausted', 'insufficient balance or usage limit'],
    [[1004, 2049], 'auth'],
    [[2013, 1042], 'invalid_request'],
    [[1000, 1001, 1024, 1033], 'transient'],
  ]),
  openQuestions: [
    'MiniMax documents no context-overflow code: such an error is recorded as a target error with its raw body.',
    'Whether an output block inside a stream arrives as a base_resp 1027 frame or only as output_sensitive on the last frame is not captured; both are handled.',
  ],
};

export const minimaxPreset: HttpPreset = { name: 'minimax', template: minimaxTemplate };
