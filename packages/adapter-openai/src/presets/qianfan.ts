import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { OpenAIPreset } from './types.js';

const FLAG_DETAILS = { flag: 'choices.0.flag', ban_round: 'choices.0.ban_round' } as const;

/**
 * Baidu Qianfan v2, OpenAI-compatible (docs/vendor-protocols.md §5b). `flag` 1 = low risk (recorded,
 * not blocked); 2 = no further chat; 3 = must not be displayed; 4 = retract.
 */
export const qianfanPreset: OpenAIPreset = {
  name: 'qianfan',
  label: 'Baidu Qianfan v2',
  baseURL: 'https://qianfan.baidubce.com/v2',
  apiKeyEnv: 'QIANFAN_API_KEY',
  requiresApiKey: true,
  blockRules: [
    {
      on: 'error',
      when: { errorType: 'unsafe_request' },
      stage: 'input',
      code: { fromField: 'error.code' },
      description: 'the request was rejected as unsafe',
      signal: 'error.type=unsafe_request',
    },
    { ...CONTENT_FILTER_FINISH_RULE, details: FLAG_DETAILS },
    {
      on: 'response',
      when: { field: { path: 'choices.0.flag', gte: 2 } },
      stage: 'output',
      code: 'flag',
      description: 'choices[].flag >= 2: the answer must not be continued, displayed or kept',
      details: FLAG_DETAILS,
      signal: 'choices[].flag>=2',
    },
    {
      on: 'response',
      effect: 'flag',
      when: { field: { path: 'choices.0.flag', gte: 1 } },
      stage: 'output',
      code: 'flag',
      description: 'choices[].flag = 1: low risk, the conversation may continue',
      details: FLAG_DETAILS,
      signal: 'choices[].flag=1 (recorded)',
    },
  ],
  // seed (0, 2147483647) (docs/vendor-protocols.md §5b).
  clamps: {
    seed: { min: 0, max: 2147483647, minExclusive: true, maxExclusive: true, step: 1 },
  },
  supportsSeed: true,
  streamUsage: true,
  maxTokensParam: 'max_tokens',
  contextLengthMatchers: [{ errorCode: ['tokens_too_long', 'characters_too_long'] }],
  modelNotFoundMatchers: [{ errorCode: 'invalid_model' }],
};
