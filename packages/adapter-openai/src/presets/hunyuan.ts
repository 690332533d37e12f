import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { OpenAIPreset } from './types.js';

/**
 * Tencent Hunyuan, OpenAI-compatible endpoint (docs/vendor-apis.md §11b). How this endpoint shows
 * a block is not captured [?]: only the generic finish_reason rule applies. `finish_reason:
 * sensitive` still maps to the unified `content-filter` finish reason on a completed answer.
 */
export const hunyuanPreset: OpenAIPreset = {
  name: 'hunyuan',
  label: 'Tencent Hunyuan',
  baseURL: 'https://api.hunyuan.cloud.tencent.com/v1',
  apiKeyEnv: 'HUNYUAN_API_KEY',
  requiresApiKey: true,
  blocks: [CONTENT_FILTER_FINISH_RULE],
  // Temperature [0, 2] is documented for the native API (docs/vendor-apis.md §11a).
  clamps: { temperature: { min: 0, max: 2 } },
  supportsSeed: false,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  openQuestions: [
    'Is an output block finish_reason=sensitive, an OpenAI-shaped 400, or both?',
    'Which code marks an input block on this endpoint (the native API is said to use OperationDenied.TextIllegalDetected)?',
  ],
};
