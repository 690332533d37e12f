import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { OpenAIPreset } from './types.js';

/** DeepSeek (docs/vendor-apis.md §3). */
export const deepseekPreset: OpenAIPreset = {
  name: 'deepseek',
  label: 'DeepSeek',
  baseURL: 'https://api.deepseek.com',
  apiKeyEnv: 'DEEPSEEK_API_KEY',
  requiresApiKey: true,
  blocks: [
    {
      // FastAPI-style body, not the OpenAI envelope: {"detail":"Content Exists Risk"}.
      on: 'error',
      when: { status: 400, path: 'detail', equals: 'Content Exists Risk' },
      stage: 'input',
      code: 'Content Exists Risk',
      description: 'the prompt was rejected by the risk filter',
      message: 'detail',
      signal: 'detail=Content Exists Risk',
    },
    CONTENT_FILTER_FINISH_RULE,
  ],
  clamps: {},
  supportsSeed: false,
  streamUsage: true,
  maxTokensParam: 'max_tokens',
  // 402 = insufficient balance (DeepSeek error_codes.md).
  failures: [{ when: { status: 402 }, kind: 'quota_exhausted' }],
};
