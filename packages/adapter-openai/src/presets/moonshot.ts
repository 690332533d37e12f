import { CONTENT_FILTER_FINISH_RULE, errorType } from './common.js';
import type { OpenAIPreset } from './types.js';

/**
 * Moonshot / Kimi (docs/vendor-apis.md §7). The 400 content_filter error covers the input or the
 * generated output without saying which, so its stage is `unknown`.
 */
export const moonshotPreset: OpenAIPreset = {
  name: 'moonshot',
  label: 'Moonshot Kimi',
  baseURL: 'https://api.moonshot.cn/v1',
  apiKeyEnv: 'MOONSHOT_API_KEY',
  requiresApiKey: true,
  blocks: [
    {
      on: 'error',
      when: errorType('content_filter'),
      stage: 'unknown',
      code: 'content_filter',
      description: 'the request was rejected as high risk (input or output)',
      signal: 'error.type=content_filter',
    },
    CONTENT_FILTER_FINISH_RULE,
  ],
  clamps: { temperature: { min: 0, max: 1 } },
  supportsSeed: false,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  failures: [
    {
      when: { all: [errorType('invalid_request_error'), { path: 'error.message', includes: 'token limit' }] },
      kind: 'context_length',
    },
  ],
  openQuestions: [
    'How is an output block mid-stream represented: an error frame or finish_reason=content_filter? Both are accepted.',
  ],
};
