import { ZHIPU_BLOCKS, ZHIPU_FAILURES } from '@sc-safety/adapter-utils';
import { CONTENT_FILTER_FINISH_RULE } from './common.js';
import type { OpenAIPreset } from './types.js';

/**
 * Zhipu GLM v4 (docs/vendor-apis.md §6). A 1301 body names the offending side in
 * `contentFilter[0].role` (user = the prompt, assistant = the answer) and its severity in `level`
 * (0 most severe … 3). Zhipu's rules are the same for adapter-http's zhipu template (one wire format),
 * so both use adapter-utils' ZHIPU_BLOCKS and ZHIPU_FAILURES.
 */
export const zhipuPreset: OpenAIPreset = {
  name: 'zhipu',
  label: 'Zhipu GLM',
  baseURL: 'https://open.bigmodel.cn/api/paas/v4',
  apiKeyEnv: 'ZHIPU_API_KEY',
  requiresApiKey: true,
  blocks: [...ZHIPU_BLOCKS, CONTENT_FILTER_FINISH_RULE],
  clamps: { temperature: { min: 0, max: 1 }, topP: { min: 0, max: 1 } },
  supportsSeed: false,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  failures: ZHIPU_FAILURES,
};
