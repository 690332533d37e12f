import { qianfanFlagRules } from '@sc-safety/adapter-utils';
import type { HttpTemplate } from '../template/types.js';
import { CHAT_USAGE } from './openai-style.js';
import { blockOnTrue, failuresOnCode } from './rule-builders.js';
import type { HttpPreset } from './types.js';

/**
 * Baidu Qianfan v1 / ERNIE (wenxinworkshop, docs/vendor-apis.md §5a) with the
 * `baidu-access-token` plugin. Errors are HTTP 200 `{error_code, error_msg}`; moderation is not an
 * error at all: `need_clear_history: true` (+ `ban_round`) on a 200 answer, `finish_reason:
 * content_filter`, or `flag`.
 */
export const qianfanTemplate: HttpTemplate = {
  name: 'qianfan',
  label: 'Baidu Qianfan (ERNIE v1)',
  endpoint: {
    baseURL: 'https://aip.baidubce.com',
    path: '/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{modelPath}',
    modelPaths: {
      'ERNIE-3.5-8K': 'completions',
      'ERNIE-4.0-8K': 'completions_pro',
      'ERNIE-4.0-Turbo-128K': 'ernie-4.0-turbo-128k',
      'ERNIE-Speed-8K': 'ernie_speed',
      'ERNIE-Bot-turbo': 'eb-instant',
    },
  },
  auth: { type: 'plugin', plugin: 'baidu-access-token' },
  request: {
    messages: 'messages',
    system: 'field',
    systemPath: 'system',
    // Odd count, alternating, starting and ending with a user turn.
    alternation: { alternate: true, merge: 'join' },
    params: {
      temperature: { path: 'temperature', min: 0, minExclusive: true, max: 1 },
      topP: { path: 'top_p', min: 0, max: 1 },
      maxTokens: { path: 'max_output_tokens', min: 2, integer: true },
      stop: { path: 'stop' },
    },
    stream: { body: { stream: true } },
  },
  response: { text: 'result', finishReason: 'finish_reason', usage: CHAT_USAGE, requestId: [{ path: 'id' }] },
  stream: {
    format: 'sse',
    accumulate: 'delta',
    text: 'result',
    finishReason: 'finish_reason',
    usage: CHAT_USAGE,
    requestId: [{ path: 'id' }],
    // No [DONE]: the last frame says is_end.
    done: { when: { path: 'is_end', isTrue: true } },
  },
  errors: { when: [{ path: 'error_code', exists: true, notEquals: 0 }], code: ['error_code'], message: ['error_msg'] },
  unfinishedReasons: [''],
  blocks: [
    blockOnTrue(
      'need_clear_history',
      'input',
      'the prompt carries a safety risk: the vendor asks to close the session and clear its history',
      { banRound: 'ban_round', flag: 'flag' },
    ),
    {
      when: { path: 'finish_reason', equals: 'content_filter' },
      stage: 'output',
      code: 'content_filter',
      description: 'the answer was truncated or replaced by the output filter',
      details: { flag: 'flag' },
      signal: 'finish_reason=content_filter',
    },
    ...qianfanFlagRules({ flag: 'flag', banRound: 'ban_round' }, 'unknown'),
  ],
  failures: failuresOnCode('error_code', [
    [[4, 18, 336501, 336502], 'rate_limited', 'cluster / QPS / RPM / TPM limit'],
    [[17, 19], 'quota_exhausted', 'daily or total request limit reached'],
    [111, 'transient', 'access token expired: the cached token was dropped and the next call fetches a new one'],
    [[6, 13, 14, 15, 100, 110, 336004], 'auth'],
    [[336007, 336103], 'context_length'],
    [336005, 'model_not_found'],
    [[3, 336001, 336002, 336003, 336104, 336105], 'invalid_request'],
    [[1, 2, 336000, 336100], 'transient'],
  ]),
  openQuestions: ['The IAM bce-auth-v1 signature alternative to the access token is not implemented.'],
};

export const qianfanPreset: HttpPreset = { name: 'qianfan', template: qianfanTemplate };
