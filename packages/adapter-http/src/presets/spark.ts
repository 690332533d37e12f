import type { HttpTemplate } from '../template/types.js';
import { blockOnCode, failuresOnCode } from './rule-builders.js';
import type { HttpPreset } from './types.js';

/** Spark's status: every frame's `header` has a code (0 = fine) and a message. */
const HEADER = { code: 'header.code', message: 'header.message' };

const USAGE = {
  input: ['payload.usage.text.prompt_tokens', 'payload.usage.text.question_tokens'],
  output: 'payload.usage.text.completion_tokens',
  total: 'payload.usage.text.total_tokens',
};

/** Domains that accept a system message (docs/vendor-apis.md §8a: Max and Ultra only). */
const SYSTEM_DOMAINS = new Set(['generalv3.5', 'max-32k', '4.0Ultra']);

/**
 * iFlytek Spark over WebSocket (docs/vendor-apis.md §8a) with the `spark-ws-url` plugin. The model
 * is the domain (`lite`, `generalv3`, `pro-128k`, `generalv3.5`, `max-32k`, `4.0Ultra`) and picks
 * the URL path. One request frame per connection; answers arrive in frames until
 * `header.status == 2`; any frame with `header.code != 0` is an error, and 10014 may follow
 * partial text. Spark has no finish reason: the last frame's status (2) is recorded as the raw value.
 */
export const sparkTemplate: HttpTemplate = {
  name: 'spark',
  label: 'iFlytek Spark',
  endpoint: {
    baseURL: 'wss://spark-api.xf-yun.com',
    path: '/{modelPath}',
    modelPaths: {
      lite: 'v1.1/chat',
      generalv3: 'v3.1/chat',
      'pro-128k': 'chat/pro-128k',
      'generalv3.5': 'v3.5/chat',
      'max-32k': 'chat/max-32k',
      '4.0Ultra': 'v4.0/chat',
    },
  },
  auth: { type: 'plugin', plugin: 'spark-ws-url' },
  request: {
    messages: 'payload.message.text',
    system: 'message',
    params: {
      temperature: { path: 'parameter.chat.temperature', min: 0, minExclusive: true, max: 1 },
      maxTokens: { path: 'parameter.chat.max_tokens', min: 1, max: 8192, integer: true },
    },
    body: { 'header.app_id': '{appId}', 'header.uid': 'sc-safety', 'parameter.chat.domain': '{model}' },
  },
  response: {
    text: 'payload.choices.text[0].content',
    finishReason: 'header.status',
    usage: USAGE,
    requestId: [{ path: 'header.sid' }, { path: 'sid' }],
  },
  stream: {
    format: 'ws',
    accumulate: 'delta',
    text: 'payload.choices.text[0].content',
    finishReason: 'header.status',
    usage: USAGE,
    requestId: [{ path: 'header.sid' }],
    done: { when: { path: 'header.status', equals: 2 } },
  },
  errors: {
    when: [
      { path: 'header.code', exists: true, notEquals: 0 },
      { path: 'code', exists: true, notEquals: 0 },
    ],
    code: ['header.code', 'code'],
    message: ['header.message', 'message'],
    requestId: ['header.sid', 'sid'],
  },
  finishReasons: { '2': 'stop' },
  unfinishedReasons: ['0', '1'],
  blocks: [
    blockOnCode(HEADER, 10013, 'input', 'the input failed the content audit'),
    blockOnCode(HEADER, 10014, 'output', 'the output touches sensitive information and cannot be shown'),
    blockOnCode(HEADER, 10019, 'input', 'the session tends towards violating content'),
  ],
  failures: [
    ...failuresOnCode(HEADER.code, [
      [[11202, 11203, 10007, 10008, 10110], 'rate_limited', 'QPS / concurrency / traffic limit or busy'],
      [11201, 'quota_exhausted', 'daily limit reached'],
    ]),
    {
      when: { any: [{ path: HEADER.code, oneOf: [11200, 11500, 10015, 10016] }, { status: [401, 403] }] },
      kind: 'auth',
    },
    ...failuresOnCode(HEADER.code, [
      [10907, 'context_length'],
      [[10003, 10005, 10163], 'invalid_request'],
      [[10000, 10001, 10002, 10004, 10009, 10010, 10011, 10012, 10222], 'transient'],
    ]),
  ],
  openQuestions: [
    'Handshake refusals are HTTP 401/403 with a JSON message (unconfirmed whether an 11200-style code is in the body); they are read as auth errors by status.',
    'Whether 11201 (daily limit) should stop a run (quota) or wait (rate limit) is a policy choice: the preset treats it as quota exhausted.',
  ],
};

export const sparkPreset: HttpPreset = {
  name: 'spark',
  template: sparkTemplate,
  forModel: (template, model) =>
    SYSTEM_DOMAINS.has(model) ? template : { ...template, request: { ...template.request, system: 'merge' } },
};
