import type { BlockRule, FailureRule } from '../types.js';

/**
 * Zhipu GLM v4 (docs/vendor-apis.md §6). Its own API and its OpenAI-compatible use are the same
 * wire format (`{"error":{"code":"1301",…}}`, codes as numeric strings), so adapter-openai's
 * `zhipu` preset and adapter-http's `zhipu` template use these rules as they are.
 */
export const ZHIPU_BLOCKS: readonly BlockRule[] = [
  {
    // `contentFilter[0].role` names the offending side (user = the prompt); `level` 0 is most severe … 3.
    when: { path: 'error.code', equals: '1301' },
    stage: { path: 'contentFilter[0].role', map: { user: 'input', assistant: 'output' }, otherwise: 'unknown' },
    code: '1301',
    message: 'error.message',
    description: 'unsafe or sensitive content in the input or the output',
    details: { level: 'contentFilter[0].level', role: 'contentFilter[0].role' },
    signal: 'error.code=1301',
  },
  {
    when: { path: 'choices[0].finish_reason', equals: 'sensitive' },
    stage: 'output',
    code: 'sensitive',
    description: 'finish_reason=sensitive: the safety review stopped the answer',
    signal: 'finish_reason=sensitive',
  },
];

/** Zhipu's error codes by meaning (docs/vendor-apis.md §6). */
export const ZHIPU_FAILURES: readonly FailureRule[] = [
  {
    when: { path: 'error.code', oneOf: ['1302', '1303', '1305', '1312'] },
    kind: 'rate_limited',
    description: 'concurrency / frequency / traffic limit or model overloaded',
  },
  {
    when: { path: 'error.code', oneOf: ['1113', '1304', '1308', '1310'] },
    kind: 'quota_exhausted',
    description: 'arrears, daily quota or plan usage cap',
  },
  { when: { path: 'error.code', oneOf: ['1000', '1001', '1002', '1003', '1004'] }, kind: 'auth' },
  { when: { path: 'error.code', equals: '1261' }, kind: 'context_length' },
  { when: { path: 'error.code', equals: '1211' }, kind: 'model_not_found' },
  { when: { path: 'error.code', equals: '1214' }, kind: 'invalid_request' },
];
