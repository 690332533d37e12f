import { dashscopeSharedFailures, dashscopeStage } from '@sc-safety/adapter-utils';
import type { BlockRule, HttpTemplate } from '../template/types.js';
import { blockOnCode, failuresOnCode } from './rule-builders.js';
import type { HttpPreset } from './types.js';

/** A moderation rejection: HTTP 400 with this code; the message tells the input from the output. */
function moderation(code: string, description: string): BlockRule {
  return blockOnCode({ code: 'code', message: 'message' }, code, dashscopeStage('message'), description);
}

/**
 * Alibaba DashScope, native protocol (docs/vendor-apis.md §4a): cumulative SSE with `id:` /
 * `event:` / `:HTTP_STATUS` lines, HTTP 4xx `{code, message, request_id}` errors, and 400
 * `DataInspectionFailed` split into input and output by its message.
 */
export const dashscopeTemplate: HttpTemplate = {
  name: 'dashscope',
  label: 'Alibaba DashScope',
  endpoint: { baseURL: 'https://dashscope.aliyuncs.com', path: '/api/v1/services/aigc/text-generation/generation' },
  auth: { type: 'bearer' },
  apiKeyEnv: 'DASHSCOPE_API_KEY',
  request: {
    model: 'model',
    messages: 'input.messages',
    // Only index 0 may be a system message.
    system: 'message',
    params: {
      temperature: { path: 'parameters.temperature', min: 0, max: 2, maxExclusive: true },
      topP: { path: 'parameters.top_p', min: 0, minExclusive: true, max: 1 },
      maxTokens: { path: 'parameters.max_tokens', min: 1, integer: true },
      seed: { path: 'parameters.seed', min: 0, integer: true },
      stop: { path: 'parameters.stop' },
    },
    body: { 'parameters.result_format': 'message' },
    stream: { headers: { 'x-dashscope-sse': 'enable' } },
  },
  response: {
    text: 'output.choices[0].message.content',
    reasoning: 'output.choices[0].message.reasoning_content',
    finishReason: 'output.choices[0].finish_reason',
    usage: { input: 'usage.input_tokens', output: 'usage.output_tokens', total: 'usage.total_tokens' },
    requestId: [{ path: 'request_id' }],
  },
  stream: {
    format: 'sse',
    // Without parameters.incremental_output every frame repeats the whole answer.
    accumulate: 'cumulative',
    text: 'output.choices[0].message.content',
    reasoning: 'output.choices[0].message.reasoning_content',
    finishReason: 'output.choices[0].finish_reason',
    usage: { input: 'usage.input_tokens', output: 'usage.output_tokens', total: 'usage.total_tokens' },
    requestId: [{ path: 'request_id' }],
    done: { when: { path: 'output.choices[0].finish_reason', exists: true, notEquals: 'null' } },
    errorEvents: ['error'],
    statusComment: '^HTTP_STATUS/(\\d{3})$',
  },
  errors: {
    when: [{ path: 'code', exists: true, notEquals: '' }],
    code: ['code'],
    message: ['message'],
    requestId: ['request_id'],
  },
  unfinishedReasons: ['null'],
  blocks: [
    moderation('DataInspectionFailed', 'the data-inspection filter rejected the input or the output'),
    moderation('CustomRoleBlocked', 'a custom moderation rule rejected the input or the output'),
    moderation('FaqRuleBlocked', 'an FAQ moderation rule intercepted the request'),
    moderation('IPInfringementSuspect', 'suspected intellectual-property infringement'),
  ],
  failures: [
    {
      when: { path: 'code', startsWith: 'Throttling' },
      kind: 'rate_limited',
      description: 'Throttling family (RateQuota, BurstRate, AllocationQuota)',
    },
    // Spent quota and over-long prompt: shared with the compatible mode (adapter-openai's dashscope preset).
    ...dashscopeSharedFailures({ code: 'code', message: 'message' }),
    ...failuresOnCode('code', [
      [['InvalidApiKey', 'AccessDenied', 'Model.AccessDenied'], 'auth'],
      ['ModelNotFound', 'model_not_found'],
      [['InternalError', 'ModelServingError', 'ModelUnavailable'], 'transient'],
    ]),
  ],
  openQuestions: [
    'DashScope documents no Retry-After on Throttling responses; the adapter reads one when present and otherwise leaves the wait to the engine.',
    'The exact framing of an error inside a stream (event:error with :HTTP_STATUS/4xx) is from SDK behaviour, not a capture (docs/vendor-apis.md §19.6 #6). Block detection keys on the code, not the framing.',
  ],
};

export const dashscopePreset: HttpPreset = { name: 'dashscope', template: dashscopeTemplate };
