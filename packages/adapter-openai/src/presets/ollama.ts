import type { OpenAIPreset } from './types.js';

/** Ollama on this machine (docs/vendor-apis.md §14–16). No content filter: no block rules. */
export const ollamaPreset: OpenAIPreset = {
  name: 'ollama',
  label: 'Ollama',
  baseURL: 'http://127.0.0.1:11434/v1',
  apiKeyEnv: 'OLLAMA_API_KEY',
  requiresApiKey: false,
  blocks: [],
  clamps: {},
  supportsSeed: true,
  streamUsage: true,
  maxTokensParam: 'max_tokens',
};
