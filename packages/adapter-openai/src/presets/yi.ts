import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { OpenAIPreset } from './types.js';

/**
 * 01.AI Yi (docs/vendor-apis.md §13). No public error table [?]: only the generic finish_reason
 * rule applies, and a 400 stays an error with its body captured.
 */
export const yiPreset: OpenAIPreset = {
  name: 'yi',
  label: '01.AI Yi',
  baseURL: 'https://api.lingyiwanwu.com/v1',
  apiKeyEnv: 'YI_API_KEY',
  requiresApiKey: true,
  blocks: [CONTENT_FILTER_FINISH_RULE],
  clamps: {},
  supportsSeed: false,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  openQuestions: ['Which error code or body marks an input block, and which an output block?'],
};
