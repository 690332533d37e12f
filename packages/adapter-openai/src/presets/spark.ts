import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { OpenAIPreset } from './types.js';

/**
 * iFlytek Spark, HTTP OpenAI-compatible endpoint (docs/vendor-apis.md §8b). The error and block
 * body shape is unconfirmed [?]: the WebSocket codes 10013/10014/10019 are NOT assumed here.
 */
export const sparkPreset: OpenAIPreset = {
  name: 'spark',
  label: 'iFlytek Spark',
  baseURL: 'https://spark-api-open.xf-yun.com/v1',
  apiKeyEnv: 'SPARK_API_PASSWORD',
  requiresApiKey: true,
  blocks: [CONTENT_FILTER_FINISH_RULE],
  // temperature (0, 1] (docs/vendor-apis.md §8b).
  clamps: { temperature: { min: 0, minExclusive: true, max: 1 } },
  supportsSeed: false,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  openQuestions: [
    'Is an error a top-level code != 0 (HTTP 200 or 4xx) or an OpenAI error envelope?',
    'Do the WebSocket codes 10013 (input), 10014 (output) and 10019 (tendency) appear on HTTP?',
    'Rate-limit codes 11200-11203 on HTTP?',
  ],
};
