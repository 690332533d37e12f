import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { OpenAIPreset } from './types.js';

/**
 * Zhipu GLM v4 (docs/vendor-protocols.md §6). A 1301 body names the offending side in
 * `contentFilter[0].role` (user = the prompt, assistant = the answer) and its severity in `level`
 * (0 most severe … 3).
 */
export const zhipuPreset: OpenAIPreset = {
  name: 'zhipu',
  label: 'Zhipu GLM',
  baseURL: 'https://open.bigmodel.cn/api/paas/v4',
  apiKeyEnv: 'ZHIPU_API_KEY',
  requiresApiKey: true,
  blockRules: [
    {
      on: 'error',
      when: { errorCode: '1301' },
      stage: { fromField: 'contentFilter.0.role', map: { user: 'input', assistant: 'output' }, otherwise: 'unknown' },
      code: '1301',
      description: 'unsafe or sensitive content in the input or the output',
      details: { level: 'contentFilter.0.level', role: 'contentFilter.0.role' },
      signal: 'error.code=1301',
    },
    {
      on: 'response',
      when: { finishReason: 'sensitive' },
      stage: 'output',
      code: 'sensitive',
      description: 'finish_reason=sensitive: the safety review stopped the answer',
      signal: 'finish_reason=sensitive',
    },
    CONTENT_FILTER_FINISH_RULE,
  ],
  clamps: { temperature: { min: 0, max: 1 }, topP: { min: 0, max: 1 } },
  supportsSeed: false,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  contextLengthMatchers: [{ errorCode: '1261' }],
  // 1113 = account in arrears (欠费).
  quotaMatchers: [{ errorCode: '1113' }],
  modelNotFoundMatchers: [{ errorCode: '1211' }],
};
