import { qianfanFlagRules } from '@sc-safety/adapter-utils';
import { CONTENT_FILTER_FINISH_RULE, errorCode, errorType } from './common.js';
import type { OpenAIPreset } from './types.js';

const FLAG = { flag: 'choices[0].flag', banRound: 'choices[0].ban_round' } as const;

/**
 * Baidu Qianfan v2, OpenAI-compatible (docs/vendor-apis.md §5b). `flag` 1 = low risk (recorded,
 * not blocked); 2 = no further chat; 3 = must not be displayed; 4 = retract.
 */
export const qianfanPreset: OpenAIPreset = {
  name: 'qianfan',
  label: 'Baidu Qianfan v2',
  baseURL: 'https://qianfan.baidubce.com/v2',
  apiKeyEnv: 'QIANFAN_API_KEY',
  requiresApiKey: true,
  blocks: [
    {
      on: 'error',
      when: errorType('unsafe_request'),
      stage: 'input',
      code: { path: 'error.code' },
      description: 'the request was rejected as unsafe',
      signal: 'error.type=unsafe_request',
    },
    { ...CONTENT_FILTER_FINISH_RULE, details: { ...FLAG } },
    // The flag's meaning is shared with adapter-http's Qianfan v1 template (adapter-utils vendors/qianfan.ts).
    ...qianfanFlagRules(FLAG, 'output'),
  ],
  // seed (0, 2147483647) (docs/vendor-apis.md §5b).
  clamps: {
    seed: { min: 0, max: 2147483647, minExclusive: true, maxExclusive: true, step: 1 },
  },
  supportsSeed: true,
  streamUsage: true,
  maxTokensParam: 'max_tokens',
  failures: [
    { when: errorCode('tokens_too_long', 'characters_too_long'), kind: 'context_length' },
    { when: errorCode('invalid_model'), kind: 'model_not_found' },
  ],
};
