import type { OpenAIPreset } from './types.js';

/** vLLM on this machine (docs/vendor-apis.md §14–16). No content filter: no block rules. */
export const vllmPreset: OpenAIPreset = {
  name: 'vllm',
  label: 'vLLM',
  baseURL: 'http://127.0.0.1:8000/v1',
  apiKeyEnv: 'VLLM_API_KEY',
  requiresApiKey: false,
  blocks: [],
  clamps: {},
  supportsSeed: true,
  streamUsage: true,
  maxTokensParam: 'max_tokens',
};
