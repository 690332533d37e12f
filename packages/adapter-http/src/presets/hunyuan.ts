import type { Condition, HttpTemplate } from '../template/types.js';
import { failuresOnCode } from './rule-builders.js';
import type { HttpPreset } from './types.js';

/**
 * A field that stream frames carry at the top level and whole answers inside `Response`: the
 * condition holds when either equals `value`.
 */
function inFrameOrResponse(path: string, value: string): Condition {
  return {
    any: [
      { path, equals: value },
      { path: `Response.${path}`, equals: value },
    ],
  };
}

/**
 * Tencent Hunyuan, native API (docs/vendor-apis.md §11a) with the `tencent-tc3` plugin: PascalCase
 * bodies, HTTP 200 `Response.Error` errors, stream frames not wrapped in `Response` with the
 * request id in `X-TC-RequestId`, and `FinishReason: sensitive` when stream moderation stops an
 * answer. The input-block error code is unconfirmed: such responses are recorded as target errors.
 */
export const hunyuanTemplate: HttpTemplate = {
  name: 'hunyuan',
  label: 'Tencent Hunyuan',
  endpoint: { baseURL: 'https://hunyuan.tencentcloudapi.com', path: '/' },
  auth: {
    type: 'plugin',
    plugin: 'tencent-tc3',
    options: { service: 'hunyuan', action: 'ChatCompletions', version: '2023-09-01' },
  },
  request: {
    model: 'Model',
    messages: 'Messages',
    roleField: 'Role',
    contentField: 'Content',
    system: 'message',
    // At most 40 messages; user and assistant alternate, ending with user.
    alternation: { alternate: true, merge: 'join', maxMessages: 39 },
    params: {
      temperature: { path: 'Temperature', min: 0, max: 2 },
      topP: { path: 'TopP', min: 0, max: 1 },
      seed: { path: 'Seed', min: 1, integer: true },
    },
    stream: { body: { Stream: true, StreamModeration: true } },
    noStream: { body: { Stream: false } },
  },
  response: {
    text: 'Response.Choices[0].Message.Content',
    finishReason: 'Response.Choices[0].FinishReason',
    usage: {
      input: 'Response.Usage.PromptTokens',
      output: 'Response.Usage.CompletionTokens',
      total: 'Response.Usage.TotalTokens',
    },
    requestId: [{ path: 'Response.RequestId' }, { header: 'x-tc-requestid' }],
  },
  stream: {
    format: 'sse',
    accumulate: 'delta',
    text: 'Choices[0].Delta.Content',
    finishReason: 'Choices[0].FinishReason',
    usage: { input: 'Usage.PromptTokens', output: 'Usage.CompletionTokens', total: 'Usage.TotalTokens' },
    requestId: [{ header: 'x-tc-requestid' }, { path: 'Id' }],
    done: { sentinel: '[DONE]', when: { path: 'Choices[0].FinishReason', exists: true, notEquals: '' } },
  },
  errors: {
    when: [
      { path: 'Response.Error', exists: true },
      { path: 'ErrorMsg', exists: true },
    ],
    code: ['Response.Error.Code', 'ErrorMsg.Code'],
    message: ['Response.Error.Message', 'ErrorMsg.Msg'],
    requestId: ['Response.RequestId'],
  },
  unfinishedReasons: [''],
  blocks: [
    {
      when: inFrameOrResponse('Choices[0].FinishReason', 'sensitive'),
      stage: 'output',
      code: 'sensitive',
      description: 'FinishReason=sensitive: stream moderation stopped the answer',
      signal: 'FinishReason=sensitive',
    },
    {
      when: inFrameOrResponse('ModerationLevel', '1'),
      effect: 'flag',
      stage: 'unknown',
      code: 'ModerationLevel=1',
      description: 'multi-turn risk: the vendor asks to end the conversation',
      signal: 'ModerationLevel=1',
    },
  ],
  failures: [
    ...failuresOnCode('Response.Error.Code', [
      [['LimitExceeded', 'RequestLimitExceeded', 'FailedOperation.EngineServerLimitExceeded'], 'rate_limited'],
      [
        [
          'FailedOperation.FreeResourcePackExhausted',
          'FailedOperation.ResourcePackExhausted',
          'FailedOperation.ServiceStop',
          'FailedOperation.ServiceStopArrears',
          'ResourceUnavailable.InArrears',
          'ResourceInsufficient.ChargeResourceExhaust',
        ],
        'quota_exhausted',
      ],
    ]),
    {
      when: {
        any: [
          { path: 'Response.Error.Code', startsWith: 'AuthFailure' },
          {
            path: 'Response.Error.Code',
            oneOf: ['FailedOperation.ServiceNotActivated', 'UnsupportedOperation.NonWhitelistAccount'],
          },
        ],
      },
      kind: 'auth',
    },
    ...failuresOnCode('Response.Error.Code', [
      ['InvalidParameterValue.Model', 'model_not_found'],
      [['InternalError', 'FailedOperation.EngineRequestTimeout', 'FailedOperation.EngineServerError'], 'transient'],
    ]),
  ],
  openQuestions: [
    'The native input-block error code (OperationDenied.TextIllegalDetected?) is unconfirmed (docs/vendor-apis.md §19.6 #4): such an answer is recorded as a target error with its raw body, not as a block.',
    'Hunyuan documents no context-overflow code: it is recorded as a target error with its raw body.',
    'FinishReason sensitive only appears with stream moderation on; a non-streamed answer may be withdrawn without any signal.',
  ],
};

export const hunyuanPreset: HttpPreset = { name: 'hunyuan', template: hunyuanTemplate };
