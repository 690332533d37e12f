import { errorType } from './common.js';
import type { OpenAIPreset } from './types.js';

/** llama.cpp llama-server on this machine (docs/vendor-apis.md §14–16). No content filter: no block rules. */
export const llamacppPreset: OpenAIPreset = {
  name: 'llamacpp',
  label: 'llama.cpp llama-server',
  baseURL: 'http://127.0.0.1:8080/v1',
  apiKeyEnv: 'LLAMACPP_API_KEY',
  requiresApiKey: false,
  blocks: [],
  clamps: {},
  supportsSeed: true,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  // llama-server answers an over-long prompt with type exceed_context_size_error.
  failures: [{ when: errorType('exceed_context_size_error'), kind: 'context_length' }],
};
