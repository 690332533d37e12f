import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { BlockRule, OpenAIPreset } from './types.js';

const CODE = 'data_inspection_failed';

function inspection(messageStartsWith: string | undefined, stage: BlockRule['stage']): BlockRule {
  return {
    on: 'error',
    when: messageStartsWith === undefined ? { errorCode: CODE } : { errorCode: CODE, messageStartsWith },
    stage,
    code: CODE,
    description: 'the data-inspection filter rejected the input or the output',
    signal: `error.code=${CODE}`,
  };
}

/**
 * Alibaba DashScope, OpenAI-compatible mode (docs/vendor-protocols.md §4b). The message text is the
 * only input/output discriminator, and "Input or output data…" must be tried before "Input…".
 */
export const dashscopePreset: OpenAIPreset = {
  name: 'dashscope',
  label: 'Alibaba DashScope',
  baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  apiKeyEnv: 'DASHSCOPE_API_KEY',
  requiresApiKey: true,
  blockRules: [
    inspection('Input or output', 'unknown'),
    inspection('Input', 'input'),
    inspection('Output', 'output'),
    inspection(undefined, 'unknown'),
    CONTENT_FILTER_FINISH_RULE,
  ],
  // temperature [0, 2), top_p (0, 1] (docs/vendor-protocols.md §4a).
  clamps: {
    temperature: { min: 0, max: 2, maxExclusive: true },
    topP: { min: 0, minExclusive: true, max: 1 },
  },
  supportsSeed: true,
  streamUsage: true,
  maxTokensParam: 'max_tokens',
  contextLengthMatchers: [{ messageIncludes: 'Range of input length' }],
  quotaMatchers: [{ errorCode: 'Arrearage' }],
};
