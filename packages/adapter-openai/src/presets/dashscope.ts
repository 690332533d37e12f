import { dashscopeSharedFailures, dashscopeStage } from '@sc-safety/adapter-utils';
import { CONTENT_FILTER_FINISH_RULE, errorCode } from './common.js';
import type { OpenAIPreset } from './types.js';

const CODE = 'data_inspection_failed';

/**
 * Alibaba DashScope, OpenAI-compatible mode (docs/vendor-apis.md §4b). The message text is the
 * only input/output discriminator; the stage prefixes, spent-quota codes and the context-length
 * wording are shared with adapter-http's native DashScope template (adapter-utils vendor-rules/vendors/dashscope.ts).
 */
export const dashscopePreset: OpenAIPreset = {
  name: 'dashscope',
  label: 'Alibaba DashScope',
  baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  apiKeyEnv: 'DASHSCOPE_API_KEY',
  requiresApiKey: true,
  blocks: [
    {
      on: 'error',
      when: errorCode(CODE),
      stage: dashscopeStage('error.message'),
      code: CODE,
      description: 'the data-inspection filter rejected the input or the output',
      signal: `error.code=${CODE}`,
    },
    CONTENT_FILTER_FINISH_RULE,
  ],
  // temperature [0, 2), top_p (0, 1] (docs/vendor-apis.md §4a).
  clamps: {
    temperature: { min: 0, max: 2, maxExclusive: true },
    topP: { min: 0, minExclusive: true, max: 1 },
  },
  supportsSeed: true,
  streamUsage: true,
  maxTokensParam: 'max_tokens',
  // `insufficient_quota` (429) keeps its OpenAI meaning, a spent quota, through the generic rules.
  failures: dashscopeSharedFailures({ code: 'error.code', message: 'error.message' }),
};
