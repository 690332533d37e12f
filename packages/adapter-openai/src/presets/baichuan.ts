import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { OpenAIPreset } from './types.js';

/**
 * Baichuan (docs/vendor-apis.md §10). Its block signals are not documented [?]: only the generic
 * finish_reason rule applies, and a 400 stays an error with its body captured.
 */
export const baichuanPreset: OpenAIPreset = {
  name: 'baichuan',
  label: 'Baichuan',
  baseURL: 'https://api.baichuan-ai.com/v1',
  apiKeyEnv: 'BAICHUAN_API_KEY',
  requiresApiKey: true,
  blocks: [CONTENT_FILTER_FINISH_RULE],
  clamps: { temperature: { min: 0, max: 1 }, topP: { min: 0, max: 1, maxExclusive: true } },
  supportsSeed: false,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  openQuestions: [
    'Which error code or body marks an input block, and which an output block?',
    'Does risk control really answer 504 for incomplete parameters?',
  ],
};
