import type { OpenAIPreset } from './types.js';

/** LM Studio on this machine (docs/vendor-apis.md §14–16). No content filter: no block rules. */
export const lmstudioPreset: OpenAIPreset = {
  name: 'lmstudio',
  label: 'LM Studio',
  baseURL: 'http://127.0.0.1:1234/v1',
  apiKeyEnv: 'LMSTUDIO_API_KEY',
  requiresApiKey: false,
  blocks: [],
  clamps: {},
  supportsSeed: true,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
};
